package io.liveswap.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.osgi.framework.ServiceReference;

/**
 * The translation table: one stable proxy per updatable unit, pointing at the unit's current implementation.
 *
 * <p><b>Lifecycle.</b> The platform creates a unit's proxy when the first implementation of the unit registers, and
 * registers it as a service under the unit's interfaces with the properties {@value UnitConstants#UNIT},
 * {@value UnitConstants#VERSION} and {@value UnitConstants#PROXY}. The proxy stays registered, and stays the same
 * object, for as long as the platform runs. When the current implementation unregisters, the table re-points the
 * proxy to the highest-versioned remaining implementation; with none left, calls on the proxy throw
 * {@link UnitUnavailableException} until one registers.
 *
 * <p><b>Threading.</b> All methods are thread safe. Changes to the table are serialised per unit; calls through
 * proxies never take a lock.
 */
@ProviderType
public interface TranslationTable {

    /**
     * @return a snapshot of every unit, ordered by name
     */
    List<UnitDTO> units();

    /**
     * @param unit a unit name
     * @return a snapshot of that unit
     * @throws IllegalArgumentException if no unit of that name exists
     */
    UnitDTO unit(String unit);

    /**
     * Re-points a unit's proxy to another registered implementation of the unit, at once and without mediation.
     *
     * <p>This is the raw mechanism: calls already running in the old implementation continue there, and the old
     * implementation's state is not carried over. Updates of running systems go through the mediator, which blocks
     * new calls, waits for running ones to drain and transfers state around this re-point.
     *
     * @param unit the unit name
     * @param implementation a service registered with {@value UnitConstants#UNIT} equal to {@code unit}, providing
     *        the same interface classes as the unit's proxy
     * @return a snapshot of the unit after the re-point
     * @throws IllegalArgumentException if the unit is unknown, the reference does not implement it, is not
     *         registered any more, or its interface classes differ from the proxy's (it was wired to another copy of
     *         the API package)
     */
    UnitDTO repoint(String unit, ServiceReference<?> implementation);
}
