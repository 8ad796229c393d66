package io.liveswap.spi;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.framework.Version;

/**
 * Moves one instance of a multi-instance unit to the version a swap installs: export its state, transform it,
 * create the replacement through the new version's factory, import. Supplied by a mediator with
 * {@link UnitControl#repoint(org.osgi.framework.ServiceReference, InstanceMigration, boolean)}; called by the
 * platform while no other call runs in that instance, eagerly by the mediator's thread or lazily by the first
 * caller of the instance.
 */
@ConsumerType
public interface InstanceMigration {

    /**
     * @param instance the instance as its current version made it
     * @param from the version of that instance (an instance may lag several versions behind)
     * @param arguments the arguments it was created with
     * @return the replacement, made by the new version with the instance's state
     * @throws Exception to leave the instance on its version; the platform reports it and the instance keeps
     *         serving
     */
    Object migrate(Object instance, Version from, Map<String, Object> arguments) throws Exception;
}
