package io.liveswap.mediator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.After;
import org.junit.Test;

public class TransferRunnerTest {

    private final TransferRunner runner = new TransferRunner();

    @After
    public void shutdown() {
        runner.shutdown();
    }

    @Test
    public void aTransferWithinItsDeadlineReturnsItsResult() throws Exception {
        assertEquals(Long.valueOf(42), runner.run(Duration.ofSeconds(5), List.of(new Object()), abandoned -> 42L));
    }

    @Test
    public void aFailureOfTheTransferIsRethrownAsIs() {
        IllegalStateException failure = new IllegalStateException("import refused");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> runner.run(Duration.ofSeconds(5), List.of(), abandoned -> {
                    throw failure;
                }));
        assertEquals(failure, thrown);
    }

    @Test
    public void pastTheDeadlineTheTransferIsAbandonedAndItsTargetRefusedUntilItEnds() throws Exception {
        Object target = new Object();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean sawAbandoned = new AtomicBoolean();
        long start = System.nanoTime();
        assertThrows(TransferRunner.TimedOut.class, () -> runner.run(Duration.ofMillis(100), List.of(target),
                abandoned -> {
                    entered.countDown();
                    while (true) { // a transfer that ignores interrupts
                        try {
                            finish.await();
                            break;
                        } catch (InterruptedException e) {
                            // keeps running, as uncooperative code does
                        }
                    }
                    sawAbandoned.set(abandoned.getAsBoolean());
                    ended.countDown();
                    return 1L;
                }));
        assertTrue("returned at the deadline", System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        IllegalStateException busy = assertThrows(IllegalStateException.class, () -> runner.refuseBusy("u", target));
        assertTrue(busy.getMessage(), busy.getMessage().contains("still running"));
        runner.refuseBusy("u", new Object()); // other targets are not refused

        finish.countDown();
        assertTrue(ended.await(5, TimeUnit.SECONDS));
        assertTrue("the abandoned transfer sees that it was abandoned", sawAbandoned.get());
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) { // the target is released by the transfer thread right after the task returns
            try {
                runner.refuseBusy("u", target);
                break;
            } catch (IllegalStateException stillBusy) {
                if (System.nanoTime() > end) {
                    throw stillBusy;
                }
                Thread.onSpinWait();
            }
        }
    }
}
