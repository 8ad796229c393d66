package io.liveswap.updates.probation;

import java.util.Locale;
import java.util.Optional;

import io.liveswap.api.UnitDTO;

/**
 * The exception-rate signal: the version on probation fails when, after at least the configured number of calls,
 * its exceptions per call exceed the previous version's by more than the margin. The proxies count calls and
 * exceptions per version ({@link UnitDTO#versionCalls}, {@link UnitDTO#versionThrown}); the exception count costs
 * nothing on calls that return normally. Stateless.
 */
final class ErrorSignal {

    private ErrorSignal() {
    }

    /** @return why the unit fails, with the figures; empty while it passes (or cannot be judged yet) */
    static Optional<String> failing(Probation probation, UnitDTO unit, ProbationSettings settings) {
        if (unit.versionCalls < settings.minCalls() || unit.versionThrown < 0) {
            return Optional.empty(); // too few calls to judge, or a mode that counts nothing
        }
        boolean baselineKnown = probation.from().toString().equals(unit.previousVersion)
                && unit.previousVersionCalls > 0;
        double baseline = baselineKnown ? (double) unit.previousVersionThrown / unit.previousVersionCalls : 0;
        double rate = (double) unit.versionThrown / unit.versionCalls;
        if (rate <= baseline + settings.errorMargin()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "version %s threw on %d of %d calls (%.1f%%) during its"
                + " probation, against %s for version %s; the margin is %.1f%% of calls", probation.to(),
                unit.versionThrown, unit.versionCalls, 100 * rate, baselineKnown ? String.format(Locale.ROOT,
                        "%d of %d (%.1f%%)", unit.previousVersionThrown, unit.previousVersionCalls, 100 * baseline)
                        : "no figures (taken as 0%)", probation.from(), 100 * settings.errorMargin()));
    }
}
