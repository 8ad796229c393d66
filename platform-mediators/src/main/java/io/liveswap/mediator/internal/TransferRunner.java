package io.liveswap.mediator.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs a swap's state transfer (export, transform, import) on a transfer thread, bounded by a deadline inside the
 * pause.
 *
 * <p><b>Protocol.</b> The swap thread hands the transfer to a pooled daemon thread and waits for it up to the
 * deadline. Past it (or if the swap thread is interrupted) the transfer is <em>abandoned</em>: the swap thread sets
 * the transfer's abandoned flag, interrupts its thread and returns at once (the swap aborts, the old version keeps
 * serving with its state). The abandoned thread runs on until the code it is in returns (a transformer or an import
 * cannot be stopped safely from outside); it starts no import once abandoned, and its result is discarded. The new
 * implementations it was importing into are refused as swap targets until it has finished ({@link #refuseBusy}), so a
 * late import can never overwrite the state of a later swap. Threads die after 10 s idle.
 */
final class TransferRunner {

    /** The transfer did not finish within its deadline and was abandoned. */
    static final class TimedOut extends Exception {
        private static final long serialVersionUID = 1L;

        TimedOut(Duration deadline) {
            super("the state transfer did not finish within " + deadline.toMillis() + " ms");
        }
    }

    private static TransferRunner shared;

    private final ThreadPoolExecutor threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "liveswap-state-transfer");
                thread.setDaemon(true);
                return thread;
            });
    private final Set<Object> busy = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /** A runner for callers without one of their own (its threads are daemons that die when idle). */
    static synchronized TransferRunner shared() {
        if (shared == null) {
            shared = new TransferRunner();
        }
        return shared;
    }

    /** @throws IllegalStateException if an abandoned transfer into {@code target} is still running */
    void refuseBusy(String unit, Object target) {
        if (busy.contains(target)) {
            throw new IllegalStateException("an earlier state transfer into that implementation of unit '" + unit
                    + "', abandoned after its deadline, is still running; try again once it has finished (its"
                    + " result is discarded), or update to a freshly installed bundle");
        }
    }

    /**
     * Runs {@code transfer} (given a flag that turns true once it is abandoned) and returns its result.
     *
     * @param targets the new implementations the transfer imports into, refused as targets while it runs
     * @throws TimedOut past the deadline; the transfer is abandoned
     * @throws InterruptedException if the calling thread is interrupted; the transfer is abandoned
     * @throws RuntimeException what the transfer threw
     */
    <T> T run(Duration deadline, List<Object> targets, Function<BooleanSupplier, T> transfer)
            throws TimedOut, InterruptedException {
        AtomicBoolean abandoned = new AtomicBoolean();
        busy.addAll(targets);
        Future<T> result;
        try {
            result = threads.submit(() -> {
                try {
                    return transfer.apply(abandoned::get);
                } finally {
                    targets.forEach(busy::remove);
                }
            });
        } catch (RejectedExecutionException e) {
            targets.forEach(busy::remove);
            throw new IllegalStateException("the mediator is stopping", e);
        }
        try {
            return result.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(abandoned, result);
            throw new TimedOut(deadline);
        } catch (InterruptedException e) {
            abandon(abandoned, result);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void abandon(AtomicBoolean abandoned, Future<?> result) {
        abandoned.set(true); // before the interrupt: code woken by it sees the flag
        result.cancel(true);
    }

    void shutdown() {
        threads.shutdown();
    }
}
