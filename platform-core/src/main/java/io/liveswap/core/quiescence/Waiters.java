package io.liveswap.core.quiescence;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.liveswap.api.UnitUnavailableException;

/**
 * Callers parked at a closed gate. A caller enqueues itself before re-checking the gate, and the gate is opened
 * before waiters are unparked, so no wake-up is lost.
 */
final class Waiters {

    private final String unit;
    private final Queue<Thread> parked = new ConcurrentLinkedQueue<>();

    Waiters(String unit) {
        this.unit = unit;
    }

    /** Parks the calling thread while {@code closed} holds, at most until {@code limitNanos}. */
    void await(BooleanSupplier closed, long limitNanos) {
        Thread me = Thread.currentThread();
        parked.add(me);
        try {
            while (closed.getAsBoolean()) {
                long left = limitNanos - System.nanoTime();
                if (left <= 0) {
                    throw new UnitUnavailableException(unit, "Unit '" + unit + "' was held closed by an update"
                            + " longer than its deadline and the update did not release it; retry the call and"
                            + " see the log for the update's outcome");
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            parked.remove(me);
        }
    }

    void releaseAll() {
        for (Thread thread : parked) {
            LockSupport.unpark(thread);
        }
    }
}
