package io.liveswap.spi;

import java.time.Duration;
import java.util.Collection;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * Control over one unit's proxy, for mediators.
 *
 * <p><b>Protocol.</b> {@link #close} &rarr; {@link #awaitQuiescence} &rarr; (state transfer) &rarr;
 * {@link #repoint} &rarr; {@link #open}. While closed, new calls wait at the proxy (they do not fail) until
 * {@link #open} or until the wait limit given to {@link #close} passes, after which they throw
 * {@code UnitUnavailableException}. {@link #open} must always follow {@link #close}, also when the swap aborts.
 * Only one mediator may hold a unit closed at a time; callers of this interface serialise swaps per unit.
 */
@ProviderType
public interface UnitControl {

    /** @return the unit name */
    String unit();

    /** @return the quiescence mode the unit's proxy was generated with */
    QuiescenceMode mode();

    /** @return the version of the current implementation, or of the last one while none serves */
    Version version();

    /** @return the service reference of the current implementation, or {@code null} while none serves */
    ServiceReference<?> implementationReference();

    /** @return the current implementation object, or {@code null} while none serves */
    Object implementation();

    /**
     * @param reference a registered implementation service of this unit (current or candidate)
     * @return its service object as held by the platform
     * @throws IllegalArgumentException if it is not a registered implementation of this unit
     * @throws IncompatibleInterfaceException if it is, but cannot serve the consumers of an older face of the unit
     */
    Object implementation(ServiceReference<?> reference);

    /**
     * @param reference a registered implementation service of this unit
     * @return its unit version ({@code liveswap.unit.version}, or its bundle's version)
     */
    Version versionOf(ServiceReference<?> reference);

    /**
     * @return the registered implementations other than the current one
     */
    Collection<ServiceReference<?>> candidates();

    /**
     * Closes the gate: calls that start from now on wait. A call from a thread already inside this unit, or inside
     * another unit of {@code swappedTogether}, passes through, so re-entrant calls and calls between units swapped
     * together do not deadlock.
     *
     * @param swappedTogether every unit closed for the same swap, this one included
     * @param waitLimit how long a caller may wait at the closed gate before it gets
     *        {@code UnitUnavailableException}
     */
    void close(Collection<? extends UnitControl> swappedTogether, Duration waitLimit);

    /**
     * Waits until no call runs in the unit (all calls that entered before {@link #close} have returned).
     *
     * @param timeout the deadline
     * @throws QuiescenceTimeoutException naming the threads still inside when the deadline passed
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void awaitQuiescence(Duration timeout) throws QuiescenceTimeoutException, InterruptedException;

    /**
     * Points the proxy at another registered implementation. While closed, calls still wait; once open they reach
     * it.
     *
     * @param reference a registered implementation of this unit
     */
    void repoint(ServiceReference<?> reference);

    /**
     * Points a multi-instance unit at a new version and moves its live instances there. {@code eager}: every live
     * instance migrates now (call it while the unit is quiescent, between {@link #close} and {@link #open});
     * otherwise each instance migrates on its next call and this returns at once. An instance whose migration
     * throws keeps serving on its version and is counted as failed. New instances come from the new version.
     *
     * @param reference a registered implementation (an {@code InstanceFactory}) of this unit
     * @param migration how one instance moves to that version
     * @param eager whether to migrate every instance now
     * @return what happened to the instances
     * @throws IllegalStateException if this is not a multi-instance unit
     */
    Migrated repoint(ServiceReference<?> reference, InstanceMigration migration, boolean eager);

    /** What {@link #repoint(ServiceReference, InstanceMigration, boolean)} did to a unit's live instances. */
    record Migrated(long migrated, long failed, long pending, java.util.List<String> failures) {
    }

    /**
     * Moves every live instance that is not on the current version there now (call it while the unit is closed
     * and drained). Instances that already failed to reach the current version stay where they are.
     *
     * @return what happened to the instances
     * @throws IllegalStateException if this is not a multi-instance unit
     */
    Migrated migrateRemaining();

    /** @return whether this unit's implementations are {@code InstanceFactory}s of many instances */
    boolean multiInstance();

    /**
     * Runs {@code action} once no live instance of this unit remains on the version {@code implementation} made
     * (at once if none does, and for units of one instance). Used to retire a replaced bundle only when its last
     * instance has migrated or been collected. The action runs on a thread of the platform's choosing and must
     * not block for long.
     *
     * @param implementation a current or former implementation of this unit
     * @param action what to do then
     */
    void whenUnused(ServiceReference<?> implementation, Runnable action);

    /**
     * Records how much state the swap that made the current implementation carried into it, for
     * {@code liveswap:units}.
     *
     * @param values number of values in the imported state graph
     */
    void stateCarried(long values);

    /**
     * Records the times of a swap of this unit that finished (its gate open again on the new version), for the
     * unit's DTO ({@code UnitDTO.lastPauseMicros} and the pause histogram). Mediators call it once per unit and
     * committed swap, planned or unplanned; an aborted swap changes nothing and is not recorded. A negative time is
     * one the mediator did not measure.
     *
     * @param pauseNanos from closing the gate to opening it: how long new calls waited at most
     * @param drainNanos from closing the gate until no call ran in the unit (quiescence)
     * @param transferNanos exporting, transforming and importing the unit's state
     * @since 1.2
     */
    void recordSwap(long pauseNanos, long drainNanos, long transferNanos);

    /**
     * The monitor the translation table holds while it changes this unit's implementations, and so while it calls
     * {@link UnplannedUpdates#leaving} and {@link UnplannedUpdates#arrived}; every other method of this interface
     * that reads or re-points the unit takes it too. A mediator that must wait for another mediation while called
     * by the table waits on this monitor ({@code Object.wait} releases it) instead of blocking with it held.
     *
     * @since 2.0
     */
    Object monitor();

    /**
     * Takes the unit out of service: no implementation serves it, and calls (once the gate is open) fail at once with
     * a {@code UnitUnavailableException} whose message is {@code why}, until the unit is re-pointed. For a mediator
     * that must not let a version serve, e.g. one that could not take the state of the version before it.
     *
     * @param why the cause and the remedy, as the callers and the operator should read them
     * @since 2.0
     */
    void outOfService(String why);

    /** Opens the gate and releases every waiting caller onto the current target. */
    void open();
}
