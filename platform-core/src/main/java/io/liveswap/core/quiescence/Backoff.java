package io.liveswap.core.quiescence;

import java.util.concurrent.locks.LockSupport;

/** How a mediator waits between two checks for quiescence: spin briefly, then park with growing pauses. */
final class Backoff {

    private static final int SPINS = 200;
    private static final long MAX_PARK_NANOS = 1_000_000;

    private int round;

    void pause() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for quiescence");
        }
        if (round < SPINS) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(Math.min(MAX_PARK_NANOS, 10_000L << Math.min(7, (round - SPINS) / 4)));
        }
        round++;
    }
}
