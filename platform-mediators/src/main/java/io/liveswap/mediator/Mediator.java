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
}
