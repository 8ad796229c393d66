package io.liveswap.state;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Converts a unit's exported state between two adjacent versions, for a data-structure change. Registered as a
 * service, typically by the bundle of version {@link #to()}; the mediator chains transformers when an update
 * spans several versions.
 *
 * <p>{@link #upgrade(Map)} runs when updating from {@link #from()} to {@link #to()}; {@link #downgrade(Map)} when
 * rolling back from {@link #to()} to {@link #from()}. Both get a private, validated copy and return a new graph of
 * the allowed value types; both are called by the mediator's thread while the unit is quiescent.
 */
@ConsumerType
public interface StateTransformer {

    /** @return the unit whose state this converts */
    String unit();

    /** @return the version whose state {@link #upgrade(Map)} reads, in OSGi version syntax */
    String from();

    /** @return the version whose state {@link #upgrade(Map)} writes, in OSGi version syntax */
    String to();

    /**
     * @param state state of version {@link #from()}
     * @return the same state in the format of version {@link #to()}
     */
    Map<String, Object> upgrade(Map<String, Object> state);

    /**
     * @param state state of version {@link #to()}
     * @return the same state in the format of version {@link #from()}
     * @throws UnsupportedOperationException if this change cannot be rolled back with its state (the default)
     */
    default Map<String, Object> downgrade(Map<String, Object> state) {
        throw new UnsupportedOperationException("no downward transformer from " + to() + " to " + from()
                + " of unit '" + unit() + "'");
    }
}
