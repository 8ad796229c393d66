package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

import io.liveswap.fixture.counter.Counter;
import io.liveswap.fixture.counter.blocking.ImportLatch;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapReport;

/**
 * One swap per unit at a time, whoever starts it: a planned swap (to {@code counter-blocking-import} 5.0.0, whose
 * state import waits for the test) is in its pause when another thread stops the bundle of the version it replaces
 * (the plain OSGi path). The plain path waits for the planned swap, then finds nothing left to do: the state is
 * imported once, the gate stays closed until the planned swap opens it, no call is lost, and the unit ends on the
 * planned swap's version. In counting and in stack-scan mode.
 */
public class OneSwapPerUnitIT extends PlatformTestBase {

    private static final String BLOCKING = "io.liveswap.fixture.counter.blocking";

    @Override
    protected Option testOptions() {
        return at(UNITS, "counter-api", "counter-impl", "counter-scan",
                "counter-blocking-import");
    }

    @Test
    public void aBundleStopDuringAPlannedSwapWaitsForItInCountingMode() throws Exception {
        race("counter", "io.liveswap.fixture.counter.impl");
    }

    @Test
    public void aBundleStopDuringAPlannedSwapWaitsForItInStackScanMode() throws Exception {
        race("counter-scan", "io.liveswap.fixture.counter.scan");
    }

    private void race(String unit, String currentBundle) throws Exception {
        Counter counter = Platform.proxy(context, Counter.class, unit);
        for (int i = 0; i < 5; i++) {
            counter.increment();
        }
        Await.until("5.0.0 is a candidate of " + unit, () -> controls.control(unit).candidates().stream()
                .anyMatch(r -> BLOCKING.equals(r.getBundle().getSymbolicName())));
        ServiceReference<?> target = controls.control(unit).candidates().stream()
                .filter(r -> BLOCKING.equals(r.getBundle().getSymbolicName())).findFirst().orElseThrow();
        ImportLatch latch = ImportLatch.of(unit);

        CompletableFuture<SwapReport> swap = new CompletableFuture<>();
        Thread swapper = new Thread(() -> {
            try {
                swap.complete(mediator.swap(unit, target));
            } catch (RuntimeException e) {
                swap.completeExceptionally(e);
            }
        }, "planned-swap");
        swapper.start();
        assertTrue("the planned swap reached the state import", latch.awaitEntered(10));

        Callers callers = new Callers(2, counter::increment); // they wait at the closed gate
        Bundle current = Arrays.stream(context.getBundles()).filter(b -> currentBundle.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        AtomicReference<BundleException> stopFailed = new AtomicReference<>();
        Thread stopper = new Thread(() -> {
            try {
                current.stop();
            } catch (BundleException e) {
                stopFailed.set(e);
            }
        }, "bundle-stop");
        stopper.start();
        Await.until("the bundle stop reached the plain-update mediator and waits", () -> waitsIn(stopper,
                "UnplannedUpdateMediator"));
        assertEquals("no call passed the gate while the planned swap is still importing", 0, callers.succeeded());
        assertEquals(0, callers.failed());

        latch.release();
        SwapReport report = swap.get(20, TimeUnit.SECONDS);
        stopper.join(20_000);
        assertTrue("the bundle stop finished", !stopper.isAlive());
        assertNull("the bundle stop did not fail", stopFailed.get());
        callers.awaitProgress(50);
        callers.close();

        assertTrue(report.committed);
        assertEquals("the state was imported exactly once", 1, latch.imports());
        assertEquals("the planned swap's version serves", "5.0.0", counter.version());
        assertEquals("failed calls (first: " + callers.firstFailure() + ")", 0, callers.failed());
        assertEquals("no call and no increment lost", 5 + callers.succeeded(), counter.value());
        assertEquals(Bundle.RESOLVED, current.getState());
    }

    /** Whether a thread is blocked or waiting with a frame of the named class on its stack. */
    private static boolean waitsIn(Thread thread, String simpleClassName) {
        Thread.State state = thread.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED)
                && Arrays.stream(thread.getStackTrace()).anyMatch(f -> f.getClassName().endsWith("." + simpleClassName));
    }
}
