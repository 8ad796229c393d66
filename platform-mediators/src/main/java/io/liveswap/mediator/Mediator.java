package io.liveswap.mediator;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.ServiceReference;

/**
 * Swaps running units safely. See the package documentation for the protocol.
 *
 * <p><b>Threading.</b> Thread safe; swaps of one unit are serialised, swaps of different units may run at once.
 * Must not be called from inside a unit being swapped (the swap could never quiesce; it aborts at once).
 */
@ProviderType
public interface Mediator {

    /**
     * Swaps a unit to another implementation already registered beside the current one.
     *
     * @param unit the unit name
     * @param implementation a registered implementation service of the unit (a candidate)
     * @return what happened, with timings
     * @throws SwapAbortedException if the swap aborted; the old version keeps serving
     * @throws IllegalArgumentException for an unknown unit or a service that is not a candidate of it
     */
    SwapReport swap(String unit, ServiceReference<?> implementation);

    /**
     * Swaps several units in one pause: all are blocked, drained, transferred and re-pointed together, so calls
     * between them never see a mix of versions. Calls from one of them into another pass through while draining.
     *
     * @param implementations for each unit name, its new implementation
     * @return what happened, with timings
     * @throws SwapAbortedException if the swap aborted; every unit keeps its old version
     */
    SwapReport swapTogether(Map<String, ServiceReference<?>> implementations);

    /**
     * Installs a bundle beside the running one, starts it, waits for it to register an implementation of the unit,
     * swaps to it and retires the old implementation's bundle (stop, uninstall, refresh of that bundle alone). On
     * abort the new bundle is retired instead.
     *
     * @param unit the unit name
     * @param location where to install the new bundle from (a URL)
     * @return what happened, with timings
     * @throws SwapAbortedException if the new bundle cannot be installed or started, registers no implementation
     *         of the unit in time, or the swap aborts
     */
    SwapReport update(String unit, String location);

    /**
     * Finishes a lazy update of a multi-instance unit: in one pause, every live instance not yet on the current
     * version moves there (instances that already failed to reach it stay where they are). The replaced bundle is
     * retired once no instance lives on it.
     *
     * @param unit the unit name
     * @return what happened: {@link SwapReport#instancesMigrated}, {@link SwapReport#instancesFailed}, the pause
     * @throws IllegalArgumentException for an unknown unit or a unit of one instance
     * @throws SwapAbortedException if the unit does not quiesce in time; nothing moved
     */
    SwapReport migrate(String unit);

    /**
     * Tries an update without making it: installs the bundle at {@code location} beside the running one under a
     * location of its own, starts it, waits for its implementation of the unit to register (hidden from consumers,
     * like every candidate), checks that it can serve the unit's consumers, then carries a copy of the running
     * version's state into it: exported inside a short pause of the unit (close, drain within the quiescence
     * deadline, export, open), transformed and imported outside the pause, and run back down through the
     * transformers on a further copy. Finally the bundle is stopped and uninstalled (SCR deactivates the throwaway
     * instance; {@code retired()} is not called on either version). The unit keeps its version, implementation and
     * state; the proxy is never re-pointed.
     *
     * <p><b>Protocol.</b> The trial holds the unit's swap lock from install to uninstall, like a swap: no swap of
     * the unit (planned or plain OSGi) runs meanwhile, so the throwaway instance can never become the unit's
     * implementation. A plain OSGi update or stop arriving during the trial waits until it ends. A unit with no
     * serving implementation is not tried (its arriving candidates would receive held state).
     *
     * <p><b>Threading.</b> Blocks for the trial's length: at most the registration deadline, the quiescence
     * deadline, twice the state-transfer deadline and the time to stop the bundle.
     *
     * @param unit the unit name
     * @param location where to read the new bundle from (a URL)
     * @return what the trial found; a failed stage is reported, not thrown
     * @throws IllegalArgumentException for an unknown unit
     * @since 1.3
     */
    TrialReport trial(String unit, String location);
}
