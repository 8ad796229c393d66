package io.liveswap.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

public class PendingCountTest {

    /** An update manager whose pending() answers {@code size} once {@code open} is counted down. */
    private static UpdateManager manager(AtomicInteger size, CountDownLatch[] open) {
        return (UpdateManager) Proxy.newProxyInstance(UpdateManager.class.getClassLoader(),
                new Class<?>[] {UpdateManager.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("pending")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    open[0].await(30, TimeUnit.SECONDS);
                    return Collections.<UpdateRecordDTO>nCopies(size.get(), new UpdateRecordDTO());
                });
    }

    @Test
    public void whileTheManagerIsBusyTheLastCountIsReportedWithoutWaitingLonger() throws Exception {
        AtomicInteger size = new AtomicInteger(2);
        CountDownLatch[] open = {new CountDownLatch(0)};
        try (PendingCount pending = new PendingCount(manager(size, open), 50)) {
            assertEquals(2, pending.count());

            open[0] = new CountDownLatch(1); // an update runs: pending() waits
            size.set(5);
            long start = System.nanoTime();
            assertEquals("the last count read", 2, pending.count());
            assertEquals("and again: the same question is still in flight", 2, pending.count());
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue("two scrapes waited about 2 x 50 ms, not for the update: " + waitedMillis, waitedMillis < 5_000);

            open[0].countDown(); // the update is done
            assertEquals(5, pending.count());
        }
    }

    @Test
    public void beforeAnyAnswerTheCountIsUnknown() {
        CountDownLatch[] open = {new CountDownLatch(1)};
        try (PendingCount pending = new PendingCount(manager(new AtomicInteger(1), open), 10)) {
            assertEquals(-1, pending.count());
            open[0].countDown();
        }
    }
}
