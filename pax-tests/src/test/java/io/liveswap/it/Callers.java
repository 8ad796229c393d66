package io.liveswap.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Threads that call a unit in a loop until stopped, counting successful and failed calls. */
public final class Callers implements AutoCloseable {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();

    public Callers(int count, Runnable call) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        call.run();
                        succeeded.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                }
            }, "caller-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /** Waits until the callers made at least {@code calls} more successful calls. */
    public void awaitProgress(long calls) {
        long target = succeeded.get() + calls;
        Await.until(calls + " more calls succeed (failed so far: " + failed.get() + ")", () -> succeeded.get() >= target
                || failed.get() > 0);
    }

    public long succeeded() {
        return succeeded.get();
    }

    public long failed() {
        return failed.get();
    }

    public Throwable firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }
}
