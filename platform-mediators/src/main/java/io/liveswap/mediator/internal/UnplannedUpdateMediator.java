package io.liveswap.mediator.internal;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.spi.QuiescenceTimeoutException;
import io.liveswap.spi.UnitControl;
import io.liveswap.spi.UnplannedUpdates;

/**
 * Mediates implementation changes made the plain OSGi way ({@code Bundle.update}, stop, refresh): from the moment
 * the current implementation unregisters, callers wait at the unit's gate; the leaving version's state is exported
 * once its calls have drained; when a replacement registers, the state is carried over and callers continue on it.
 * If none registers within {@code replacementTimeoutMillis}, the gate opens onto a clear
 * {@code UnitUnavailableException}; the state stays pending for the next implementation.
 *
 * <p>Protocol: {@link #leaving} and {@link #arrived} run with the unit's table entry locked (the table serialises
 * them per unit), and each mediates holding the unit's {@link SwapLocks} lock, the one planned swaps hold: one swap
 * per unit at a time, whoever starts it. A plain stop or update that arrives while a planned swap of the unit runs
 * waits for it ({@link SwapLocks#lockFromTable} lets the planned swap use the table entry meanwhile: no deadlock),
 * then looks again: if the planned swap moved the unit away from the leaving implementation, the planned swap
 * already carried its state and nothing is left to do (the unit stays on the planned swap's version); if it
 * aborted, the leaving implementation is still current and the plain path mediates as usual. The deadline task only
 * opens the gate, and only while the unit still has no implementation, so it cannot undo an arrival.
 */
@Component(service = UnplannedUpdates.class, configurationPid = MediatorConfig.PID)
public final class UnplannedUpdateMediator implements UnplannedUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(UnplannedUpdateMediator.class);

    /**
     * State waiting for a replacement, and the task that stops callers waiting for it (none once out of service);
     * {@code left}: the leaving implementation object, whose fields automatic transfer copies when the replacement
     * arrives (it is no longer called; its bundle is stopping or stopped, its objects stay readable).
     */
    private record Pending(StateGraph.Copy state, Version from, ScheduledFuture<?> deadline, Clock clock, Object left) {
    }

    /** When the gate closed, how long the drain and the export took: for {@link UnitControl#recordSwap}. */
    private record Clock(long closed, long drainNanos, long exportNanos) {
    }

    private final TransformerRegistry transformers;
    private final SwapLocks locks;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "liveswap-replacement-deadline");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Deadlines deadlines;

    @Activate
    public UnplannedUpdateMediator(@Reference TransformerRegistry transformers, @Reference SwapLocks locks,
            MediatorConfig config) {
        this.transformers = transformers;
        this.locks = locks;
        this.deadlines = Deadlines.of(config);
    }

    @Modified
    void modified(MediatorConfig config) {
        deadlines = Deadlines.of(config);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    @Override
    public void leaving(UnitControl unit, ServiceReference<?> leaving) {
        locks.lockFromTable(unit);
        try {
            if (!leaving.equals(unit.implementationReference())) {
                LOG.info("Unit '{}': {} went away while a planned swap moved the unit to {}; the planned swap carried"
                        + " its state", unit.unit(), unit.versionOf(leaving), unit.version());
                return;
            }
            mediateLeaving(unit, leaving);
        } finally {
            locks.unlock(unit);
        }
    }

    private void mediateLeaving(UnitControl unit, ServiceReference<?> leaving) {
        Version from = unit.version();
        long closed = System.nanoTime();
        unit.close(java.util.List.of(unit), deadlines.callerWaitLimit());
        try {
            unit.awaitQuiescence(deadlines.quiescence());
        } catch (QuiescenceTimeoutException e) {
            LOG.warn("Unit '{}' {} is going away with calls still running in it ({}); its state is exported anyway",
                    unit.unit(), from, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long drained = System.nanoTime(); // after a quiescence timeout: at the deadline
        StateTransfer transfer = transformers.stateTransfer();
        StateGraph.Copy state = null;
        Object left = unit.implementation();
        try {
            state = transfer.export(unit.unit(), from, left);
        } catch (RuntimeException | Error e) { // an Error too: the gate must not stay closed

            LOG.error("Unit '{}' {} is going away and its state could not be exported: {}. The next version starts"
                    + " without it", unit.unit(), from, e.getMessage());
        }
        Clock clock = new Clock(closed, drained - closed, System.nanoTime() - drained);
        Optional<ServiceReference<?>> candidate = unit.candidates().stream().filter(r -> !r.equals(leaving))
                .max(Comparator.comparing(unit::versionOf));
        if (candidate.isPresent()) {
            handOver(unit, transfer, state, from, candidate.get(), clock, left);
            return;
        }
        ScheduledFuture<?> deadline = timer.schedule(() -> expire(unit), deadlines.replacement().toMillis(),
                TimeUnit.MILLISECONDS);
        pending.put(unit.unit(), new Pending(state, from, deadline, clock, left));
        LOG.info("Unit '{}' {} went away; callers wait up to {} ms for a replacement", unit.unit(), from,
                deadlines.replacement().toMillis());
    }

    @Override
    public boolean arrived(UnitControl unit, ServiceReference<?> arrived) {
        locks.lockFromTable(unit);
        try {
            if (unit.implementationReference() != null) { // a planned swap served the unit while this waited
                LOG.info("Unit '{}': {} registered while a planned swap pointed the unit to {}; it stays a candidate",
                        unit.unit(), unit.versionOf(arrived), unit.version());
                return true; // handled: the table must not re-point over the planned swap
            }
            Pending waiting = pending.remove(unit.unit());
            if (waiting == null) {
                return false;
            }
            if (waiting.deadline() != null) {
                waiting.deadline().cancel(false);
            }
            handOver(unit, transformers.stateTransfer(), waiting.state(), waiting.from(), arrived, waiting.clock(),
                    waiting.left());
            return true;
        } finally {
            locks.unlock(unit);
        }
    }

    private void handOver(UnitControl unit, StateTransfer transfer, StateGraph.Copy state, Version from,
            ServiceReference<?> to, Clock clock, Object left) {
        Version toVersion = unit.versionOf(to);
        long carrying = System.nanoTime();
        try {
            try {
                Object target = unit.implementation(to);
                transfer.check(unit.unit(), from, left, toVersion, target);
                if (left != null && StateTransfer.automatic(left, target)) {
                    transfer.carryFields(unit.unit(), from, left, toVersion, target, () -> false);
                } else {
                    transfer.carry(unit.unit(), state, from, toVersion, target);
                }
            } catch (RuntimeException | Error e) { // an Error too: the gate must open whatever the new code throws
                holdState(unit, state, from, toVersion, clock, e, left);
                return;
            }
            long transferNanos = clock.exportNanos() + System.nanoTime() - carrying;
            if (unit.multiInstance()) { // the old bundle is already stopped: move its instances now
                UnitControl.Migrated migrated = unit.repoint(to, transfer.migration(unit.unit(), toVersion,
                        (io.liveswap.factory.InstanceFactory) unit.implementation(to)), true);
                LOG.info("Unit '{}': {} instances moved to {}, {} failed", unit.unit(), migrated.migrated(),
                        toVersion, migrated.failed());
            } else {
                unit.repoint(to);
            }
            LOG.info("Unit '{}' moved from {} to {} {} after a plain OSGi update", unit.unit(), from, toVersion,
                    state == null && left instanceof io.liveswap.state.StatefulUnit
                            ? "without state (its export failed, see above)" : "with its state");
            unit.recordSwap(System.nanoTime() - clock.closed(), clock.drainNanos(), transferNanos);
        } finally {
            unit.open();
        }
    }

    /**
     * The arriving version cannot take the state. Letting it serve would lose the state without a word (the rule:
     * nothing is lost silently), and a plain OSGi update cannot be refused: the unit goes out of service instead,
     * calls fail at once naming the cause and the remedy, and the state waits, as after a replacement deadline, for
     * the next implementation that registers. The caller opens the gate.
     */
    private void holdState(UnitControl unit, StateGraph.Copy state, Version from, Version to, Clock clock,
            Throwable cause, Object left) {
        String why = "Unit '" + unit.unit() + "' is out of service: version " + to + ", installed by a plain OSGi"
                + " update, cannot take the state of " + from + " (" + cause.getMessage() + "). The state is kept:"
                + " update the unit's bundle to a version that takes it (" + from + " again, or a version with a"
                + " state transformer from " + from + ")";
        LOG.error(why);
        unit.outOfService(why);
        pending.put(unit.unit(), new Pending(state, from, null, clock, left));
    }

    private void expire(UnitControl unit) {
        if (pending.containsKey(unit.unit()) && unit.implementation() == null) {
            LOG.warn("Unit '{}': no replacement registered within {} ms; calls now fail with"
                    + " UnitUnavailableException. Its state is kept for the next implementation", unit.unit(),
                    deadlines.replacement().toMillis());
            unit.open();
        }
    }
}
