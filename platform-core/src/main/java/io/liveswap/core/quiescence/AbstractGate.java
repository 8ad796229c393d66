package io.liveswap.core.quiescence;

import java.util.List;

import io.liveswap.api.UnitUnavailableException;
import io.liveswap.spi.QuiescenceTimeoutException;

/**
 * What both gates share: the closed flag, the swap group, the waiting callers and the wait for quiescence. A gate
 * says which threads are inside ({@link #holders()}) and how to tell a holder; this class loops with a
 * {@link Backoff} until none is left or the deadline passes.
 */
abstract class AbstractGate implements Gate {

    final String unit;
    final Waiters waiters;
    volatile boolean closed;
    volatile List<Gate> group = List.of();
    volatile long waitLimitNanos;
    /** Why calls fail while the unit has no implementation; read only on that (failing) path. */
    private volatile String unavailableBecause;

    AbstractGate(String unit) {
        this.unit = unit;
        this.waiters = new Waiters(unit);
    }

    /** The threads inside the unit now, other than the calling one; empty when the unit is quiescent. */
    abstract List<Thread> holders();

    /** How a holder is named in a timeout report: where it is. */
    abstract String describe(Thread holder);

    /** Whether the calling thread is inside another unit of the swap group (it may then pass a closed gate). */
    final boolean insideGroup() {
        for (Gate other : group) {
            if (other != this && other.isInside()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void unavailableBecause(String why) {
        unavailableBecause = why;
    }

    /** The exception a call gets while the unit has no implementation: the reason given, or the usual one. */
    final UnitUnavailableException unavailableException() {
        String why = unavailableBecause;
        return new UnitUnavailableException(unit, why != null ? why : "Unit '" + unit + "' has no implementation: its"
                + " bundle was stopped or uninstalled and none replaced it. Start or install an implementation bundle"
                + " of the unit.");
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close(List<Gate> group, long waitLimitNanos) {
        this.group = List.copyOf(group);
        this.waitLimitNanos = waitLimitNanos;
        closed = true;
    }

    @Override
    public void awaitQuiescence(long deadlineNanos) throws QuiescenceTimeoutException, InterruptedException {
        if (isInside()) {
            throw new QuiescenceTimeoutException(unit, "Unit '" + unit + "' cannot quiesce: the update was started"
                    + " by a thread that is inside the unit; start updates from outside it", List.of());
        }
        Backoff backoff = new Backoff();
        for (;;) {
            List<Thread> holders = holders();
            if (holders.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                throw new QuiescenceTimeoutException(unit, "Unit '" + unit + "' did not quiesce: " + holders.size()
                        + " thread(s) still inside at the deadline", holders.stream().map(this::describe).toList());
            }
            backoff.pause();
        }
    }

    /** Releases the waiting callers; subclasses first make the new target reachable. */
    void release() {
        group = List.of();
        closed = false;
        waiters.releaseAll();
    }
}
