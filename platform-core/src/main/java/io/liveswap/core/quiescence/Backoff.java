package io.liveswap.core.quiescence;

import java.util.concurrent.locks.LockSupport;

/**
 * How a mediator waits between two checks for quiescence: spin (calls usually return within microseconds), then
 * yield, then park for short fixed pauses, so a holder that returns is noticed within tens of microseconds.
 */
final class Backoff {

    private static final int SPINS = 1_000;
    private static final int YIELDS = 100;
    private static final long PARK_NANOS = 20_000;

    private int round;

    void pause() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for quiescence");
        }
        if (round < SPINS) {
            Thread.onSpinWait();
        } else if (round < SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(PARK_NANOS);
        }
        round++;
    }
}
