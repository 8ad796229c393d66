package io.liveswap.mediator.internal;

import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.factory.InstanceFactory;
import io.liveswap.mediator.SwapReport;
import io.liveswap.spi.InstanceMigration;
import io.liveswap.spi.UnitControl;

/**
 * The re-points of one swap, all or nothing: units of one instance first, multi-instance units last (an eager
 * migration cannot be taken back). If one re-point throws, the units already re-pointed go back to the
 * implementations they had (a multi-instance unit lazily: its instances move back on their next call), still inside
 * the pause. Runs on the swap's thread, with every unit closed and drained.
 */
final class Repointing {

    private static final Logger LOG = LoggerFactory.getLogger(Repointing.class);

    /** A re-point failed; {@link #undone()}: every unit is back on its old implementation. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean undone;

        Failed(String message, boolean undone, Throwable cause) {
            super(message, cause);
            this.undone = undone;
        }

        boolean undone() {
            return undone;
        }
    }

    private Repointing() {
    }

    /**
     * Re-points every move's unit to its target.
     *
     * @param old each unit's implementation before the swap (reference), to go back to
     * @param replaced each unit's implementation object before the swap
     * @throws Failed if a re-point threw (after undoing the others)
     */
    static void all(List<SwapProtocol.Move> moves, InstanceMigration[] migrations, boolean[] eager,
            ServiceReference<?>[] old, SwapReport report, StateTransfer transfer, Version[] from, Object[] replaced) {
        List<Integer> order = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < moves.size(); i++) {
                if (moves.get(i).unit().multiInstance() == (pass == 1)) {
                    order.add(i);
                }
            }
        }
        List<Integer> done = new ArrayList<>();
        for (int i : order) {
            UnitControl unit = moves.get(i).unit();
            try {
                SwapFaults.atRepoint(unit.unit());
                if (unit.multiInstance()) {
                    UnitControl.Migrated migrated = unit.repoint(moves.get(i).to(), migrations[i], eager[i]);
                    report.instancesMigrated += migrated.migrated();
                    report.instancesFailed += migrated.failed();
                    report.instancesPending += migrated.pending();
                    report.instanceFailures = migrated.failures().toArray(String[]::new);
                    report.lazy = !eager[i];
                } else {
                    unit.repoint(moves.get(i).to());
                }
                done.add(i);
            } catch (RuntimeException e) {
                String notUndone = undo(moves, done, old, transfer, from, replaced);
                throw new Failed("re-pointing unit '" + unit.unit() + "' failed (" + e.getMessage() + ")"
                        + (done.isEmpty() ? "" : notUndone.isEmpty() ? "; the units re-pointed before it were"
                                + " pointed back" : "; " + notUndone), notUndone.isEmpty(), e);
            }
        }
    }

    /** Points the units in {@code done} back; returns what could not be undone, or "" if all were. */
    private static String undo(List<SwapProtocol.Move> moves, List<Integer> done, ServiceReference<?>[] old,
            StateTransfer transfer, Version[] from, Object[] replaced) {
        StringBuilder failures = new StringBuilder();
        for (int i : done) {
            UnitControl unit = moves.get(i).unit();
            try {
                if (old[i] == null) {
                    throw new IllegalStateException("it had no implementation before the swap");
                }
                if (unit.multiInstance()) {
                    unit.repoint(old[i], transfer.migration(unit.unit(), from[i], (InstanceFactory) replaced[i]),
                            false);
                } else {
                    unit.repoint(old[i]);
                }
            } catch (RuntimeException e) {
                LOG.error("Unit '{}' could not be pointed back to version {} after a failed swap: {}", unit.unit(),
                        from[i], e.toString());
                failures.append(failures.length() == 0 ? "" : "; ").append("unit '").append(unit.unit())
                        .append("' could not be pointed back to version ").append(from[i]).append(": ")
                        .append(e.getMessage()).append(" (its state is in the new version; check it)");
            }
        }
        return failures.toString();
    }
}
