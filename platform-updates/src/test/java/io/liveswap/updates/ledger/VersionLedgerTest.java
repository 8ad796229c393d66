package io.liveswap.updates.ledger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.Test;
import org.osgi.framework.Version;

import io.liveswap.api.Reason;

import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.ledger.VersionLedger.Decision;
import io.liveswap.updates.ledger.VersionLedger.Verdict;

/** Strict linear order: every case of an update against a unit's current version. */
public class VersionLedgerTest {

    private static UpdateDescriptor update(String version, String replaces) {
        return new UpdateDescriptor("notebook", Version.parseVersion(version),
                replaces == null ? null : Version.parseVersion(replaces), "b", Path.of("u.jar"), "00");
    }

    private static Decision at(String current, UpdateDescriptor update) {
        return VersionLedger.decide(update, current == null ? null : Version.parseVersion(current),
                List.of("notebook", "clock"));
    }

    @Test
    public void appliesOnTopOfTheVersionItNames() {
        assertEquals(Verdict.APPLY, at("1.0.0", update("2.0.0", "1.0.0")).verdict());
        assertEquals(Reason.NONE, at("1.0.0", update("2.0.0", "1.0.0")).reason());
    }

    @Test
    public void holdsAnUpdateWhosePredecessorHasNotLanded() {
        Decision d = at("1.0.0", update("3.0.0", "2.0.0"));
        assertEquals(Verdict.PENDING, d.verdict());
        assertEquals(Reason.GAP, d.reason());
        assertTrue(d.message(), d.message().contains("waits for version 2.0.0"));
    }

    @Test
    public void refusesWithTheCodeTheCauseAndTheRemedy() {
        assertRefused(at(null, update("2.0.0", "1.0.0")), Reason.UNKNOWN_UNIT,
                "unknown unit 'notebook' (known units: notebook, clock)");
        assertRefused(at("2.0.0", update("2.0.0", "1.0.0")), Reason.DUPLICATE, "Remove the file");
        assertRefused(at("3.0.0", update("2.0.0", "1.0.0")), Reason.DOWNGRADE, "liveswap:rollback notebook");
        assertRefused(at("2.0.0", update("3.0.0", "1.0.0")), Reason.STALE_BASE, "Rebuild it with replaces=\"2.0.0\"");
        assertRefused(at("1.0.0", update("1.5.0", null)), Reason.NO_REPLACED_VERSION, "not an update");
    }

    private static void assertRefused(Decision d, Reason reason, String remedy) {
        assertEquals(Verdict.REFUSE, d.verdict());
        assertEquals(d.message(), reason, d.reason());
        assertTrue(d.message(), d.message().contains(remedy));
    }
}
