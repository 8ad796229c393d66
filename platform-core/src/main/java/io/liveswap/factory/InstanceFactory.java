package io.liveswap.factory;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates the instances of a multi-instance unit. Implemented by each version of the unit and registered as a
 * service with {@code liveswap.unit=<name>} (for instance with {@code @Unit("sessions")} on a DS component);
 * consumers call the same interface on the unit's proxy service.
 *
 * <p><b>What consumers get.</b> Through the proxy, {@link #create(Map)} returns a proxy of the new instance that
 * implements {@link #instanceTypes()}. The platform tracks it weakly: once no consumer references it, it is collected
 * as usual. Calls on it go to the instance's current version.
 *
 * <p><b>Updates.</b> When the unit is updated, every live instance moves to the new version: the old instance
 * exports its state (it implements {@link io.liveswap.state.StatefulUnit}), the state goes through the unit's
 * {@link io.liveswap.state.StateTransformer}s, the new version's factory creates a replacement with the instance's
 * original creation arguments and the replacement imports the state. {@value #MIGRATION} on the new version's
 * factory service chooses when: {@value #EAGER} (every instance inside the update's pause) or {@value #LAZY} (each
 * instance on its next call; new instances come from the new version at once). Without it the mediator's
 * configuration decides (default lazy). An instance that fails to migrate keeps serving on its old version and is
 * reported; the others proceed.
 *
 * <p><b>Threading.</b> {@link #create(Map)} may be called by any thread at any time, concurrently; instances are
 * called by their consumers' threads. During migration the platform calls the old instance's
 * {@code exportState()} and the replacement's {@code importState()} while no other call runs in that instance.
 */
@ConsumerType
public interface InstanceFactory {

    /** Service property of a version's factory: how instances move to it, {@value #EAGER} or {@value #LAZY}. */
    String MIGRATION = "liveswap.migration";

    /** Migrate every live instance inside the update's pause. */
    String EAGER = "eager";

    /** Migrate each instance on its next call. */
    String LAZY = "lazy";

    /**
     * @return the public interfaces every instance implements and its proxy exposes; the same classes in every
     *         version of the unit
     */
    List<Class<?>> instanceTypes();

    /**
     * Creates an instance.
     *
     * @param arguments what the instance is made from, kept by the platform and passed again when a later version
     *        re-creates the instance during migration; never {@code null}, unmodifiable
     * @return the new instance, implementing every one of {@link #instanceTypes()}
     */
    Object create(Map<String, Object> arguments);

    /**
     * Creates an instance and casts it to one of its types.
     *
     * @param type one of {@link #instanceTypes()}
     * @param arguments as for {@link #create(Map)}
     * @param <T> the instance type
     * @return the new instance
     */
    default <T> T create(Class<T> type, Map<String, Object> arguments) {
        return type.cast(create(arguments));
    }
}
