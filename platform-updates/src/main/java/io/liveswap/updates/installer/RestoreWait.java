package io.liveswap.updates.installer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up {@link Restore} on its own thread, and the wait for it: the update manager's changing calls wait
 * until it is done, so that every file is judged against the restored versions.
 *
 * <p>Protocol: a latch opened once, by {@link #done()} (the restore has ended, however) or {@link #stop()} (the
 * component deactivates); {@link #await()} waits for it, bounded, and is called outside the update manager's
 * monitor, which the restore takes for each of its steps.
 */
final class RestoreWait {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreWait.class);
    private static final long WAIT_MINUTES = 2;

    private final CountDownLatch done = new CountDownLatch(1);
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "liveswap-restore"));
    private Restore restore;

    /** Runs the restore on the restore thread. */
    void start(Restore restore) {
        this.restore = restore;
        thread.execute(restore::run);
    }

    /** The restore is done: files reported meanwhile may now be judged. */
    void done() {
        done.countDown();
    }

    /** Waits until the restore is done (bounded: past the bound, files are judged without it). */
    void await() {
        try {
            if (!done.await(WAIT_MINUTES, TimeUnit.MINUTES)) {
                LOG.warn("The start-up restore takes more than {} minutes; judging files without waiting for it",
                        WAIT_MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the restore (the step under way ends first, see {@link Restore#stop()}) and releases every waiter. */
    void stop() throws InterruptedException {
        if (restore != null) {
            restore.stop();
        }
        done.countDown();
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }
}
