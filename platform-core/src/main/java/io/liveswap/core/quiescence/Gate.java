package io.liveswap.core.quiescence;

import java.util.List;

import io.liveswap.spi.QuiescenceTimeoutException;

/**
 * One unit's gate, made by the unit's {@link CallPath}. Swaps of a unit are serialised by the caller; see
 * {@link io.liveswap.spi.UnitControl}.
 */
public interface Gate {

    /**
     * Points new calls at {@code implementation} ({@code null}: calls fail fast with
     * {@code UnitUnavailableException}); while the gate is closed, callers that wait reach it once it opens. Called
     * by the unit's proxy, which serialises re-points.
     */
    void retarget(Object implementation);

    /**
     * The message of the {@code UnitUnavailableException} calls get while the target is {@code null}; {@code null}
     * restores the usual one. Set before the target is cleared; read only on the failing path.
     */
    void unavailableBecause(String why);

    /**
     * Blocks calls that start from now on, except from threads inside this unit or another unit of {@code group}.
     *
     * @param group gates closed for the same swap, this one included
     * @param waitLimitNanos {@link System#nanoTime()} after which waiting callers give up
     */
    void close(List<Gate> group, long waitLimitNanos);

    /**
     * Returns once no call is inside the unit.
     *
     * @param deadlineNanos {@link System#nanoTime()} at which to give up
     */
    void awaitQuiescence(long deadlineNanos) throws QuiescenceTimeoutException, InterruptedException;

    /** @return whether the calling thread is inside the unit */
    boolean isInside();

    /** Releases the waiting callers onto the proxy's current target. */
    void open();

    /** @return whether the gate is closed */
    boolean isClosed();

    /** @return calls made through the gate so far (approximate while calls run), or -1 if the mode counts none */
    long calls();

    /**
     * @return exceptions thrown through the gate's proxy so far (approximate while calls run; the gate's own
     *         {@code UnitUnavailableException} excluded), or -1 if the mode counts none
     */
    long thrown();
}
