package io.liveswap.state;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by a unit implementation that carries its state across updates by hand (an implementation that does
 * not implement it has its fields carried automatically, see the package documentation). Name the shape of the
 * exported state with {@link StateFormat}: a version is never handed state of another format unless a chain of
 * {@link StateTransformer}s links the two versions.
 *
 * <p><b>Protocol.</b> During an update the mediator blocks new calls to the unit and waits until no call runs in it
 * (quiescence), then calls {@link #exportState()} on the version being replaced, transforms the result with the
 * {@link StateTransformer}s between the two versions, and calls {@link #importState(Map)} on the new version before
 * its first call; once the new version serves, {@link #retired()} tells the old one. In a planned update any
 * exception, or a state graph of other than the allowed value types, aborts the update: the old version keeps
 * serving with its state untouched (an instance of a multi-instance unit whose migration fails keeps serving on its
 * version).
 *
 * <p><b>Threading.</b> Which thread calls these methods, and what else may run meanwhile, depends on the path:
 * <ul>
 * <li><em>Planned update</em> ({@code Mediator.swap}/{@code update}, the update installer) and <em>eager</em>
 * migration of the instances of a multi-instance unit: the thread that asked for the update, while the unit's gate
 * is closed and drained, so no other call runs in the unit; {@link #retired()} follows before the gate opens.</li>
 * <li><em>Lazy</em> migration of a multi-instance unit's instances: for each instance, the thread of the first call
 * to it after the update, inside the unit's open gate. Calls to that instance wait until its migration is done
 * and calls that entered before the update have drained, but calls to the unit's other instances run
 * concurrently; {@link #retired()} is called on the replaced instance on that same thread.</li>
 * <li><em>Plain OSGi update</em> ({@code Bundle.update}, stop, refresh): {@link #exportState()} runs on the thread
 * that unregisters the leaving implementation (the one updating or stopping its bundle), after its calls drained;
 * if they do not drain within the quiescence timeout, it runs anyway, concurrently with the calls still inside.
 * {@link #importState(Map)} runs on the thread that registers the replacement, before its first call. A failure
 * there does not stop the update: it is logged and the new version serves without the state.
 * {@link #retired()} is not called on this path (the leaving version is being stopped).</li>
 * </ul>
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
