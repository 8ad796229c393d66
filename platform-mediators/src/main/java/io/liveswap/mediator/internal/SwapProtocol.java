package io.liveswap.mediator.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.core.crash.CrashPoints;
import io.liveswap.spi.InstanceMigration;
import io.liveswap.spi.IncompatibleInterfaceException;
import io.liveswap.spi.QuiescenceTimeoutException;
import io.liveswap.spi.UnitControl;

/**
 * One swap of one or more units: close every gate, await quiescence of every unit within the deadline, export,
 * transform and import every unit's state on a transfer thread within its own deadline ({@link TransferRunner}),
 * re-point every proxy (the point of no return), open every gate. The caller holds the units' swap locks.
 *
 * <p><b>All or nothing.</b> Everything that can throw runs before the first re-point: targets are checked and
 * instance migrations built before the pause; after the transfer every target is checked again (still registered,
 * its faces still servable). Any failure up to there opens the gates onto the old versions, whose state the swap
 * never changed ({@code retired()} runs only after the commit), and throws {@link SwapAbortedException}. The
 * re-points themselves (units of one instance first, multi-instance units last: an eager migration cannot be taken
 * back) are undone if one of them still throws: the units already re-pointed go back to their old implementations
 * before the gates open. After the last re-point nothing may fail the swap: {@code retired()} and publishing the new
 * version's properties only log their failures.
 */
final class SwapProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(SwapProtocol.class);

    /** One unit's move: from its current implementation to {@code to}. */
    record Move(UnitControl unit, ServiceReference<?> to) {
    }

    private final StateTransfer transfer;
    private final Deadlines deadlines;
    private final MigrationChoice migration;
    private final TransferRunner transfers;

    SwapProtocol(StateTransfer transfer, Deadlines deadlines, MigrationChoice migration) {
        this(transfer, deadlines, migration, TransferRunner.shared());
    }

    SwapProtocol(StateTransfer transfer, Deadlines deadlines, MigrationChoice migration, TransferRunner transfers) {
        this.transfer = transfer;
        this.deadlines = deadlines;
        this.migration = migration;
        this.transfers = transfers;
    }

    SwapReport run(List<Move> moves) {
        SwapReport report = new SwapReport();
        int n = moves.size();
        report.units = new String[n];
        report.fromVersions = new String[n];
        report.toVersions = new String[n];
        Object[] targets = new Object[n];
        Object[] replaced = new Object[n];
        ServiceReference<?>[] replacedReferences = new ServiceReference<?>[n];
        Version[] from = new Version[n];
        Version[] to = new Version[n];
        boolean[] eager = new boolean[n];
        InstanceMigration[] migrations = new InstanceMigration[n];
        List<UnitControl> units = moves.stream().map(Move::unit).toList();
        for (int i = 0; i < n; i++) {
            Move move = moves.get(i);
            if (move.to().equals(move.unit().implementationReference())) { // e.g. a plain update got there first
                throw new CodedFailure(Reason.ALREADY_CURRENT, "Unit '" + move.unit().unit() + "' already runs"
                        + " that implementation (version " + move.unit().version() + "); nothing to swap", null);
            }
            targets[i] = target(move); // refuses strangers and interface changes before anything changes
            transfers.refuseBusy(move.unit().unit(), targets[i]);
            from[i] = move.unit().version();
            to[i] = move.unit().versionOf(move.to());
            eager[i] = move.unit().multiInstance() && eager(move.to()); // refuses a bad mode now
            if (move.unit().multiInstance()) {
                migrations[i] = transfer.migration(move.unit().unit(), to[i], factory(move.unit(), targets[i]));
            }
            transfer.check(move.unit().unit(), from[i], move.unit().implementation(), to[i], targets[i]);
            report.units[i] = move.unit().unit();
            report.fromVersions[i] = from[i].toString();
            report.toVersions[i] = to[i].toString();
        }

        long closed = System.nanoTime();
        for (UnitControl unit : units) {
            unit.close(units, deadlines.callerWaitLimit());
        }
        long[] carried;
        try {
            long deadline = closed + deadlines.quiescence().toNanos();
            for (UnitControl unit : units) {
                unit.awaitQuiescence(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            long drained = System.nanoTime();
            report.drainNanos = drained - closed;
            for (int i = 0; i < n; i++) {
                replaced[i] = units.get(i).implementation();
                replacedReferences[i] = units.get(i).implementationReference();
            }
            carried = transfers.run(deadlines.stateTransfer(), List.of(targets),
                    abandoned -> transferAll(units, from, to, replaced, targets, abandoned));
            for (long values : carried) {
                report.stateValues += Math.max(0, values);
            }
            report.transferNanos = System.nanoTime() - drained;
            report.droppedFields = transfer.dropped();
            for (Move move : moves) {
                move.unit().implementation(move.to()); // still registered, its faces still servable: last check
            }
            Repointing.all(moves, migrations, eager, replacedReferences, report, transfer, from, replaced);
        } catch (TransferRunner.TimedOut e) {
            throw abort(report, units, closed, Reason.TRANSFER_TIMEOUT, "the state transfer (export, transform, import) did not finish within "
                    + deadlines.stateTransfer().toMillis() + " ms; it was abandoned: it imports nothing more, its"
                    + " result is discarded and the new version is not used (an update retires its bundle). Make the"
                    + " state transformer or importState faster, or raise stateTransferTimeoutMillis in"
                    + " configuration " + MediatorConfig.PID, e);
        } catch (QuiescenceTimeoutException e) {
            report.holders = e.holders().toArray(String[]::new);
            throw abort(report, units, closed, Reason.QUIESCENCE_TIMEOUT, e.getMessage()
                    + ". Find out why those calls do not return, or raise"
                    + " quiescenceTimeoutMillis (" + deadlines.quiescence().toMillis() + " ms) in configuration "
                    + MediatorConfig.PID, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(report, units, closed, Reason.INTERRUPTED, "the swap was interrupted", e);
        } catch (Repointing.Failed e) {
            throw abort(report, units, closed, Reason.REPOINT_FAILED, e.getMessage(), e.undone(), e.getCause());
        } catch (RuntimeException | Error e) { // an Error from a unit's code too: the gates must open
            throw abort(report, units, closed, CodedFailure.of(e, Reason.UNEXPECTED), String.valueOf(e.getMessage()),
                    e);
        }
        // past the point of no return: nothing below may fail the swap
        for (int i = 0; i < n; i++) {
            units.get(i).stateCarried(carried[i]);
        }
        CrashPoints.reach(CrashPoints.AFTER_REPOINT);
        for (int i = 0; i < n; i++) {
            transfer.retire(units.get(i).unit(), from[i], replaced[i]);
        }
        report.pauseNanos = System.nanoTime() - closed; // opening is one volatile write per gate
        openAll(units);
        for (UnitControl unit : units) {
            unit.recordSwap(report.pauseNanos, report.drainNanos, report.transferNanos);
        }
        report.committed = true;
        return report;
    }

    /** Export, transform, import for every unit (on the transfer thread): values carried, -1 where none. */
    private long[] transferAll(List<UnitControl> units, Version[] from, Version[] to, Object[] replaced,
            Object[] targets, BooleanSupplier abandoned) {
        int n = units.size();
        StateGraph.Copy[] exported = new StateGraph.Copy[n];
        boolean[] automatic = new boolean[n];
        for (int i = 0; i < n; i++) {
            automatic[i] = replaced[i] != null && StateTransfer.automatic(replaced[i], targets[i]);
            exported[i] = automatic[i] ? null : transfer.export(units.get(i).unit(), from[i], replaced[i]);
        }
        CrashPoints.reach(CrashPoints.DURING_TRANSFER);
        long[] carried = new long[n];
        for (int i = 0; i < n; i++) {
            String unit = units.get(i).unit();
            carried[i] = automatic[i] ? transfer.carryFields(unit, from[i], replaced[i], to[i], targets[i], abandoned)
                    : exported[i] == null ? -1
                    : transfer.carry(unit, exported[i], from[i], to[i], targets[i], abandoned);
        }
        return carried;
    }

    private static InstanceFactory factory(UnitControl unit, Object target) {
        if (target instanceof InstanceFactory factory) {
            return factory;
        }
        throw new IllegalArgumentException("Unit '" + unit.unit() + "' is a multi-instance unit, but the new"
                + " implementation is a " + target.getClass().getName() + ", not an InstanceFactory");
    }

    /** Opens every gate; a failure (publishing the unit's properties) is logged, the other gates still open. */
    static void openAll(List<UnitControl> units) {
        for (UnitControl unit : units) {
            try {
                unit.open();
            } catch (RuntimeException e) {
                LOG.error("Unit '{}': opening after the swap failed: {}", unit.unit(), e.toString());
            }
        }
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
            throw abort(report, units, closed, Reason.QUIESCENCE_TIMEOUT, e.getMessage() + ". No instance moved", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw abort(report, units, closed, Reason.INTERRUPTED, "interrupted before any instance moved", e);
        }
        report.pauseNanos = System.nanoTime() - closed;
        openAll(units);
        report.committed = true;
        return report;
    }

    /**
     * The object to swap to. {@link UnitControl#implementation(ServiceReference)} refuses (with an
     * {@link IllegalArgumentException}) a service that is not a registered implementation of the unit, and a
     * registered one whose interfaces cannot serve the consumers of an older face: the refusal of a registered
     * implementation is an interface change.
     */
    private static Object target(Move move) {
        try {
            return move.unit().implementation(move.to());
        } catch (IncompatibleInterfaceException e) {
            throw new CodedFailure(e.reason(), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            boolean registered = move.to().equals(move.unit().implementationReference())
                    || move.unit().candidates().contains(move.to());
            throw new CodedFailure(registered ? Reason.INTERFACE_REMOVED : Reason.NOT_A_CANDIDATE, e.getMessage(),
                    e);
        }
    }

    private boolean eager(ServiceReference<?> factory) {
        try {
            return migration.eager(factory);
        } catch (IllegalArgumentException e) {
            throw new CodedFailure(Reason.BAD_MIGRATION_MODE, e.getMessage(), e);
        }
    }

    private static SwapAbortedException abort(SwapReport report, List<UnitControl> units, long closed,
            Reason reason, String why, Throwable cause) {
        return abort(report, units, closed, reason, why, true, cause);
    }

    /** Opens the gates and builds the abort; {@code restored}: every unit is on its old version, state unchanged. */
    private static SwapAbortedException abort(SwapReport report, List<UnitControl> units, long closed,
            Reason reason, String why, boolean restored, Throwable cause) {
        openAll(units);
        report.pauseNanos = System.nanoTime() - closed;
        report.committed = false;
        report.reason = reason;
        report.cause = "Swap of " + describe(report) + " aborted: " + why + (restored ? ". The old version"
                + (units.size() == 1 ? " keeps" : "s keep") + " serving with unchanged state." : ".");
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
