package io.liveswap.mediator.internal;

import java.time.Duration;
import java.util.List;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.liveswap.factory.InstanceFactory;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.spi.CrashPoints;
import io.liveswap.spi.QuiescenceTimeoutException;
import io.liveswap.spi.UnitControl;

/**
 * One swap of one or more units: close every gate, await quiescence of every unit within the deadline, export,
 * transform and import every unit's state, re-point every proxy (the point of no return), open every gate. Any
 * failure before the re-point opens the gates onto the old versions and throws {@link SwapAbortedException}.
 * The caller holds the units' swap locks.
 */
final class SwapProtocol {

    /** One unit's move: from its current implementation to {@code to}. */
    record Move(UnitControl unit, ServiceReference<?> to) {
    }

    private final StateTransfer transfer;
    private final Deadlines deadlines;
    private final MigrationChoice migration;

    SwapProtocol(StateTransfer transfer, Deadlines deadlines, MigrationChoice migration) {
        this.transfer = transfer;
        this.deadlines = deadlines;
        this.migration = migration;
    }

    SwapReport run(List<Move> moves) {
        SwapReport report = new SwapReport();
        int n = moves.size();
        report.units = new String[n];
        report.fromVersions = new String[n];
        report.toVersions = new String[n];
        Object[] targets = new Object[n];
        Object[] replaced = new Object[n];
        Version[] from = new Version[n];
        Version[] to = new Version[n];
        boolean[] eager = new boolean[n];
        List<UnitControl> units = moves.stream().map(Move::unit).toList();
        for (int i = 0; i < n; i++) {
            Move move = moves.get(i);
            if (move.to().equals(move.unit().implementationReference())) { // e.g. a plain update got there first
                throw new IllegalArgumentException("Unit '" + move.unit().unit() + "' already runs that"
                        + " implementation (version " + move.unit().version() + "); nothing to swap");
            }
            targets[i] = move.unit().implementation(move.to()); // refuses strangers before anything changes
            from[i] = move.unit().version();
            to[i] = move.unit().versionOf(move.to());
            eager[i] = move.unit().multiInstance() && migration.eager(move.to()); // refuses a bad mode now
            report.units[i] = move.unit().unit();
            report.fromVersions[i] = from[i].toString();
            report.toVersions[i] = to[i].toString();
        }

        long closed = System.nanoTime();
        for (UnitControl unit : units) {
            unit.close(units, deadlines.callerWaitLimit());
        }
        try {
            long deadline = closed + deadlines.quiescence().toNanos();
            for (UnitControl unit : units) {
                unit.awaitQuiescence(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            long drained = System.nanoTime();
            report.drainNanos = drained - closed;
            StateGraph.Copy[] exported = new StateGraph.Copy[n];
            for (int i = 0; i < n; i++) {
                UnitControl unit = units.get(i);
                replaced[i] = unit.implementation();
                exported[i] = transfer.export(unit.unit(), from[i], replaced[i]);
            }
            CrashPoints.reach(CrashPoints.DURING_TRANSFER);
            long[] carried = new long[n];
            for (int i = 0; i < n; i++) {
                carried[i] = transfer.carry(units.get(i).unit(), exported[i], from[i], to[i], targets[i]);
                report.stateValues += carried[i];
            }
            report.transferNanos = System.nanoTime() - drained;
            for (int i = 0; i < n; i++) {
                UnitControl unit = units.get(i);
                SwapFaults.atRepoint(unit.unit());
                if (unit.multiInstance()) {
                    UnitControl.Migrated migrated = unit.repoint(moves.get(i).to(),
                            transfer.migration(unit.unit(), to[i], (InstanceFactory) targets[i]), eager[i]);
                    report.instancesMigrated += migrated.migrated();
                    report.instancesFailed += migrated.failed();
                    report.instancesPending += migrated.pending();
                    report.instanceFailures = migrated.failures().toArray(String[]::new);
                    report.lazy = !eager[i];
                } else {
                    unit.repoint(moves.get(i).to());
                }
                unit.stateCarried(exported[i] == null ? -1 : carried[i]);
            }
            CrashPoints.reach(CrashPoints.AFTER_REPOINT);
        } catch (QuiescenceTimeoutException e) {
            report.holders = e.holders().toArray(String[]::new);
            throw abort(report, units, closed, e.getMessage() + ". Find out why those calls do not return, or raise"
                    + " quiescenceTimeoutMillis (" + deadlines.quiescence().toMillis() + " ms) in configuration "
                    + MediatorConfig.PID, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(report, units, closed, "the swap was interrupted", e);
        } catch (RuntimeException e) {
            throw abort(report, units, closed, e.getMessage(), e);
        }
        for (int i = 0; i < n; i++) {
            transfer.retire(units.get(i).unit(), from[i], replaced[i]);
        }
        report.pauseNanos = System.nanoTime() - closed; // opening is one volatile write per gate
        for (UnitControl unit : units) {
            unit.open();
        }
        report.committed = true;
        return report;
    }

    /** Closes one multi-instance unit, drains it and moves its remaining instances to its current version. */
    static SwapReport migrateRemaining(UnitControl unit, Deadlines deadlines) {
        SwapReport report = new SwapReport();
        report.units = new String[] {unit.unit()};
        report.fromVersions = new String[] {unit.version().toString()};
        report.toVersions = new String[] {unit.version().toString()};
        List<UnitControl> units = List.of(unit);
        long closed = System.nanoTime();
        unit.close(units, deadlines.callerWaitLimit());
        try {
            unit.awaitQuiescence(deadlines.quiescence());
            report.drainNanos = System.nanoTime() - closed;
            UnitControl.Migrated migrated = unit.migrateRemaining();
            report.instancesMigrated = migrated.migrated();
            report.instancesFailed = migrated.failed();
            report.instanceFailures = migrated.failures().toArray(String[]::new);
        } catch (QuiescenceTimeoutException e) {
            report.holders = e.holders().toArray(String[]::new);
            throw abort(report, units, closed, e.getMessage() + ". No instance moved", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(report, units, closed, "interrupted before any instance moved", e);
        }
        report.pauseNanos = System.nanoTime() - closed;
        unit.open();
        report.committed = true;
        return report;
    }

    private static SwapAbortedException abort(SwapReport report, List<UnitControl> units, long closed,
            String why, Throwable cause) {
        for (UnitControl unit : units) {
            unit.open();
        }
        report.pauseNanos = System.nanoTime() - closed;
        report.committed = false;
        report.cause = "Swap of " + describe(report) + " aborted: " + why + ". The old version"
                + (units.size() == 1 ? " keeps" : "s keep") + " serving with unchanged state.";
        return new SwapAbortedException(report, cause);
    }

    static String describe(SwapReport report) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < report.units.length; i++) {
            out.append(i == 0 ? "" : ", ").append("unit '").append(report.units[i]).append("' from ")
                    .append(report.fromVersions[i]).append(" to ").append(report.toVersions[i]);
        }
        return out.toString();
    }
}
