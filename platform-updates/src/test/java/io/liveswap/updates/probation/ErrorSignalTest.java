package io.liveswap.updates.probation;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.apache.felix.hc.api.Result;
import org.junit.Test;
import org.osgi.framework.Version;

import io.liveswap.api.UnitDTO;

/** The exception-rate signal: judged after enough calls, against the previous version's rate plus the margin. */
public class ErrorSignalTest {

    private static final ProbationSettings SETTINGS = new ProbationSettings(60, 0.05, 20, 1000, "liveswap",
            Result.Status.OK);
    private static final Probation PROBATION = new Probation("notebook", Version.parseVersion("2.1.0"),
            Version.parseVersion("2.2.0"), 8, "/deploy/n.jar", 0, 60_000);

    private static UnitDTO unit(long calls, long thrown, String previous, long previousCalls, long previousThrown) {
        UnitDTO dto = new UnitDTO();
        dto.name = "notebook";
        dto.versionCalls = calls;
        dto.versionThrown = thrown;
        dto.previousVersion = previous;
        dto.previousVersionCalls = previousCalls;
        dto.previousVersionThrown = previousThrown;
        return dto;
    }

    @Test
    public void tooFewCallsAreNotJudged() {
        assertTrue(ErrorSignal.failing(PROBATION, unit(19, 19, "2.1.0", 100, 0), SETTINGS).isEmpty());
    }

    @Test
    public void aRateAboveTheOldOnePlusTheMarginFails() {
        String cause = ErrorSignal.failing(PROBATION, unit(30, 10, "2.1.0", 1000, 0), SETTINGS).orElseThrow();
        assertEquals("version 2.2.0 threw on 10 of 30 calls (33.3%) during its probation, against 0 of 1000 (0.0%)"
                + " for version 2.1.0; the margin is 5.0% of calls", cause);
    }

    @Test
    public void aRateWithinTheMarginOfAnAlreadyFailingVersionPasses() {
        // the old version threw on 30% of its calls: 33% is not a regression beyond the 5-point margin
        assertTrue(ErrorSignal.failing(PROBATION, unit(30, 10, "2.1.0", 1000, 300), SETTINGS).isEmpty());
    }

    @Test
    public void withoutTheOldVersionsFiguresTheBaselineIsZero() {
        String cause = ErrorSignal.failing(PROBATION, unit(100, 6, "1.0.0", 1000, 0), SETTINGS).orElseThrow();
        assertTrue(cause, cause.contains("against no figures (taken as 0%) for version 2.1.0"));
    }

    @Test
    public void aModeThatCountsNothingIsNeverJudged() {
        assertTrue(ErrorSignal.failing(PROBATION, unit(-1, -1, "2.1.0", -1, -1), SETTINGS).isEmpty());
    }
}
