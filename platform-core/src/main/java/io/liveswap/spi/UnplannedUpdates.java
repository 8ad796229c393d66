package io.liveswap.spi;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.framework.ServiceReference;

/**
 * Whiteboard service a mediator registers to take over when a unit's implementation changes outside the platform
 * (a bundle updated, stopped or refreshed the plain OSGi way). At most one is used: the highest ranked.
 *
 * <p>Both methods are called synchronously from the service event, on the thread that changed the bundle, with the
 * unit's table entry locked.
 */
@ConsumerType
public interface UnplannedUpdates {

    /**
     * The current implementation is unregistering. Its service object is still usable during this call.
     *
     * @param unit the unit's control; still pointing at the leaving implementation
     * @param leaving the leaving implementation's reference
     */
    void leaving(UnitControl unit, ServiceReference<?> leaving);

    /**
     * An implementation registered while the unit has no current one.
     *
     * @param unit the unit's control
     * @param arrived the new implementation, already registered as a candidate
     * @return {@code true} if this handled it (re-pointed the unit), {@code false} to let the table point to it
     */
    boolean arrived(UnitControl unit, ServiceReference<?> arrived);
}
