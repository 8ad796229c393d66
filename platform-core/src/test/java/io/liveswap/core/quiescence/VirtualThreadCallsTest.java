package io.liveswap.core.quiescence;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Before;
import org.junit.Test;

import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.spi.QuiescenceMode;

/**
 * Units called from virtual threads in the default (counting) mode, on the real proxy and gate, while a mediator
 * swaps the unit between two versions over and over: 10,000 concurrent virtual threads, and a million short-lived
 * ones. No call may fail, run in a version whose state was exported, or lose its increment; the control run without
 * the drain shows that the checks see a lost increment. Slots of ended threads do not pile up. Java 21+ only.
 */
public class VirtualThreadCallsTest {

    private static final int CONCURRENT = 10_000;
    private static final int CALLS_EACH = 20;
    private static final int SHORT_LIVED = 1_000_000;
    private static final int IN_FLIGHT = 10_000;

    public interface Counter {
        long increment();
    }

    /** One version of the counter; {@code retired} once its state was exported. */
    static final class Version implements Counter {
        private final AtomicLong violations;
        private final AtomicLong count = new AtomicLong();
        private volatile boolean retired;

        Version(AtomicLong violations) {
            this.violations = violations;
        }

        @Override
        public long increment() {
            if (retired) {
                violations.incrementAndGet(); // started in a retired version
            }
            if ((ThreadLocalRandom.current().nextInt() & 15) == 0) {
                Thread.yield(); // a virtual thread unmounts inside the unit: the drain must wait for it
            }
            long next = count.incrementAndGet();
            if (retired) {
                violations.incrementAndGet(); // still running when the state left: the increment may be lost
            }
            return next;
        }

        long export() {
            retired = true;
            return count.get();
        }

        void importCount(long value) {
            count.set(value);
            retired = false;
        }
    }

    /** Swaps the unit between the two versions until stopped; between two swaps it lets some calls through. */
    static final class Swaps implements Runnable {
        private final UnitProxy unit;
        private final Version[] versions;
        private final boolean drain;
        private final AtomicLong calls;
        private volatile boolean stop;
        private volatile int done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread = new Thread(this, "swaps");

        Swaps(UnitProxy unit, Version[] versions, boolean drain, AtomicLong calls) {
            this.unit = unit;
            this.versions = versions;
            this.drain = drain;
            this.calls = calls;
            unit.retarget(versions[0]);
        }

        Swaps start() {
            thread.start();
            return this;
        }

        @Override
        public void run() {
            try {
                while (!stop) {
                    Version from = versions[done % 2];
                    Version to = versions[(done + 1) % 2];
                    Gate gate = unit.gate();
                    gate.close(List.of(gate), System.nanoTime() + SECONDS.toNanos(60));
                    if (drain) {
                        gate.awaitQuiescence(System.nanoTime() + SECONDS.toNanos(60));
                    }
                    to.importCount(from.export());
                    unit.retarget(to);
                    gate.open();
                    done++;
                    long seen = calls.get();
                    while (!stop && calls.get() < seen + 200) {
                        Thread.yield(); // let calls through between two swaps
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }

        /** Stops swapping; returns the count of the version serving last. */
        long stop() throws InterruptedException {
            stop = true;
            thread.join();
            assertNull("the swaps failed", failure.get());
            return versions[done % 2].export();
        }
    }

    private final AtomicLong violations = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private UnitProxy unit;
    private Counter proxy;
    private ThreadFactory virtual;

    @Before
    public void setUp() {
        assumeTrue("virtual threads need Java 21+", VirtualThreads.available());
        virtual = VirtualThreads.factory();
        unit = UnitProxy.create("counter", List.of(Counter.class), QuiescenceMode.COUNTING);
        proxy = (Counter) unit.proxy();
    }

    private Version[] versions() {
        return new Version[] {new Version(violations), new Version(violations)};
    }

    private void call() {
        try {
            proxy.increment();
            calls.incrementAndGet();
        } catch (Throwable e) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, e);
        }
    }

    private CountingGate gate() {
        return (CountingGate) unit.gate();
    }

    /** 10,000 virtual threads alive at once (each waits for all others after its first call), 20 calls each. */
    private long concurrentRun(Swaps swaps) throws Exception {
        CountDownLatch started = new CountDownLatch(CONCURRENT);
        CountDownLatch finished = new CountDownLatch(CONCURRENT);
        Runnable caller = () -> {
            try {
                call();
                started.countDown();
                started.await();
                for (int i = 1; i < CALLS_EACH; i++) {
                    call();
                    Thread.yield();
                }
            } catch (InterruptedException e) {
                failed.incrementAndGet();
            } finally {
                finished.countDown();
            }
        };
        for (int i = 0; i < CONCURRENT; i++) {
            virtual.newThread(caller).start();
        }
        assertTrue("all callers started", started.await(120, SECONDS));
        assertTrue("a slot per live caller: " + gate().registeredSlots(), gate().registeredSlots() >= CONCURRENT);
        assertTrue("all callers finished", finished.await(120, SECONDS));
        return swaps.stop();
    }

    @Test
    public void tenThousandConcurrentVirtualThreadsLoseNothingAcrossSwaps() throws Exception {
        Swaps swaps = new Swaps(unit, versions(), true, calls).start();
        long count = concurrentRun(swaps);
        assertNull("first failed call", firstFailure.get());
        assertEquals("failed calls", 0, failed.get());
        assertEquals("calls in a retired version", 0, violations.get());
        assertEquals("calls made", (long) CONCURRENT * CALLS_EACH, calls.get());
        assertEquals("increments lost", calls.get(), count);
        assertTrue("swaps done: " + swaps.done, swaps.done >= 20);
    }

    @Test
    public void withoutTheDrainTheChecksSeeCallsInTheRetiredVersion() throws Exception {
        Swaps swaps = new Swaps(unit, versions(), false, calls).start();
        long count = concurrentRun(swaps);
        assertEquals("failed calls", 0, failed.get());
        assertTrue("a swap without drain let calls run in the retired version (" + swaps.done + " swaps, "
                + (calls.get() - count) + " increments lost)", violations.get() > 0 && count < calls.get());
    }

    /** A million virtual threads of one call each, at most 10,000 at a time. */
    private void shortLivedRun() throws InterruptedException {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        Runnable caller = () -> {
            try {
                call();
            } finally {
                inFlight.release();
            }
        };
        for (int i = 0; i < SHORT_LIVED; i++) {
            inFlight.acquire();
            virtual.newThread(caller).start();
        }
        assertTrue("all callers finished", inFlight.tryAcquire(IN_FLIGHT, 120, SECONDS));
    }

    @Test
    public void aMillionShortLivedVirtualThreadsLoseNothingAcrossSwaps() throws Exception {
        Swaps swaps = new Swaps(unit, versions(), true, calls).start();
        shortLivedRun();
        long count = swaps.stop();
        assertNull("first failed call", firstFailure.get());
        assertEquals("failed calls", 0, failed.get());
        assertEquals("calls in a retired version", 0, violations.get());
        assertEquals("calls made", SHORT_LIVED, calls.get());
        assertEquals("increments lost", calls.get(), count);
        assertTrue("swaps done: " + swaps.done, swaps.done >= 20);
        assertEquals("calls counted by the gate", SHORT_LIVED, unit.gate().calls());
    }

    /** The slots of ended threads are dropped as new threads come, not only by swaps (here there is none). */
    @Test
    public void slotsOfEndedVirtualThreadsDoNotPileUp() throws Exception {
        unit.retarget(new Version(violations));
        shortLivedRun();
        assertEquals("failed calls", 0, failed.get());
        int slots = gate().registeredSlots();
        assertTrue("slots left by " + SHORT_LIVED + " threads, at most " + IN_FLIGHT + " at a time: " + slots,
                slots <= 2 * IN_FLIGHT + ThreadSlots.SWEEP_MIN);
        assertEquals("calls counted by the gate, dropped slots included", SHORT_LIVED, unit.gate().calls());
    }
}
