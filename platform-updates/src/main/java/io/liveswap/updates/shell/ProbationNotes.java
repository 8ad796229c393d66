package io.liveswap.updates.shell;

import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.liveswap.spi.UnitNotes;
import io.liveswap.updates.ProbationDTO;
import io.liveswap.updates.UpdateManager;

/** Adds a unit's probation to {@code liveswap:status}: its deadline, the version it reverts to, and the signals. */
@Component(service = UnitNotes.class)
public final class ProbationNotes implements UnitNotes {

    private final UpdateManager updates;

    @Activate
    public ProbationNotes(@Reference UpdateManager updates) {
        this.updates = updates;
    }

    @Override
    public List<String[]> notes(String unit) {
        for (ProbationDTO p : updates.probations()) {
            if (p.unit.equals(unit)) {
                return List.of(
                        new String[] {"probation", "version " + p.to + " until " + Instant.ofEpochMilli(p.until)
                                + "; a failure reverts it to " + p.from + " (liveswap:accept ends it now)"},
                        new String[] {"probation signals", "exceptions " + count(p.thrown) + " of " + count(p.calls)
                                + " calls (version " + p.from + ": " + count(p.baselineThrown) + " of "
                                + count(p.baselineCalls) + "); health " + p.health});
            }
        }
        return List.<String[]>of(new String[] {"probation", "none (the version is accepted)"});
    }

    private static String count(long value) {
        return value < 0 ? "?" : Long.toString(value);
    }
}
