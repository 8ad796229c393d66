package io.liveswap.state;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by a unit implementation that carries state across updates.
 *
 * <p><b>Protocol.</b> During an update the mediator blocks new calls to the unit and waits until no call runs in it
 * (quiescence), then calls {@link #exportState()} on the version being replaced, transforms the result with the
 * {@link StateTransformer}s between the two versions, and calls {@link #importState(Map)} on the new version before
 * its first call; once the new version serves, {@link #retired()} tells the old one. Any exception, or a state graph of other than the allowed value types, aborts the update: the old
 * version keeps serving with its state untouched.
 *
 * <p><b>Threading.</b> Both methods are called by the mediator's thread while no other call runs in the unit.
 */
@ConsumerType
public interface StatefulUnit {

    /**
     * Describes this version's state. Must not change it: if the update aborts after export, this version keeps
     * serving.
     *
     * @return the state as a value graph (see the package documentation); never {@code null}
     */
    Map<String, Object> exportState();

    /**
     * Takes over the state of the version being replaced, already in this version's format.
     *
     * @param state a validated, private copy of the state
     * @throws RuntimeException to refuse the state and abort the update
     */
    void importState(Map<String, Object> state);

    /**
     * Tells the replaced version that the update committed: its state now lives in the new version and no call
     * will reach it any more. Called once, while the unit is still quiescent, only after a committed swap (after an
     * aborted one the version simply keeps serving). Exceptions are logged and ignored.
     */
    default void retired() {
    }
}
