package io.liveswap.metrics;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.updates.UpdateManager;

/**
 * The number of pending updates, as {@link UpdateManager#pending()} tells it, without holding a scrape up while an
 * update runs.
 *
 * <p><b>Protocol.</b> The update manager answers {@code pending()} between updates only, and an update can take
 * seconds (quiescence, a slow state transfer). So the question runs on this object's own thread, and a scrape waits
 * for its answer at most {@code waitMillis}; without an answer by then it reports the last count read (nothing
 * before the first). That count is still true: only the manager's operations change the pending updates, and they
 * run one at a time, so only the running update itself can change it. At most one question is in flight: a scrape
 * that finds one unanswered waits for that one instead of queuing another. {@code inFlight} and {@code last} are
 * guarded by this object's monitor; the wait itself happens outside it.
 */
final class PendingCount implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCount.class);

    private final UpdateManager updates;
    private final long waitMillis;
    private final ExecutorService asker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "liveswap-metrics-pending");
        thread.setDaemon(true);
        return thread;
    });
    private Future<Integer> inFlight;
    private int last = -1;

    PendingCount(UpdateManager updates, long waitMillis) {
        this.updates = updates;
        this.waitMillis = waitMillis;
    }

    /** @return the pending updates, or -1 if the manager has not answered yet */
    int count() {
        Future<Integer> question;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = asker.submit(() -> updates.pending().size());
            }
            question = inFlight;
        }
        try {
            int answer = question.get(waitMillis, TimeUnit.MILLISECONDS);
            synchronized (this) {
                last = answer;
            }
            return answer;
        } catch (TimeoutException busy) {
            LOG.debug("An update is running: the pending count reported is the last one read");
        } catch (ExecutionException failed) {
            LOG.warn("Could not count the pending updates", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return last;
        }
    }

    @Override
    public void close() {
        asker.shutdownNow();
    }
}
