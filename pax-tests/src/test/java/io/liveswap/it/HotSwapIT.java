package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

import io.liveswap.api.Reason;
import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitDTO;
import io.liveswap.api.UnitUnavailableException;
import io.liveswap.fixture.counter.Counter;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;

/**
 * The swap protocol in a real Felix: the {@code counter} unit (counting mode) and {@code counter-scan} (stack-scan
 * mode), implemented by {@code counter-impl} 1.0.0 and {@code counter-v2} 2.0.0, and by {@code counter-scan} 1.0.0 and
 * {@code counter-scan-v2} 2.0.0; a replaced version refuses any call.
 */
public class HotSwapIT extends PlatformTestBase {

    @Override
    protected Option testOptions() {
        return at(UNITS, "counter-api", "counter-impl", "counter-v2", "counter-scan", "counter-scan-v2");
    }

    @Test
    public void swapsUnderLoadLoseNoCallAndNoIncrementInCountingMode() throws Exception {
        swapUnderLoad("counter", 300);
    }

    @Test
    public void swapsUnderLoadLoseNoCallAndNoIncrementInStackScanMode() throws Exception {
        swapUnderLoad("counter-scan", 150);
    }

    private void swapUnderLoad(String unit, int swaps) throws Exception {
        Counter counter = proxy(unit);
        List<SwapReport> reports = new ArrayList<>();
        Callers callers = new Callers(2, counter::increment);
        try {
            for (int i = 0; i < swaps; i++) {
                callers.awaitProgress(20);
                reports.add(mediator.swap(unit, otherImplementation(unit)));
            }
        } finally {
            callers.close();
        }
        assertEquals("failed calls (first: " + callers.firstFailure() + ")", 0, callers.failed());
        assertEquals("lost increments", callers.succeeded(), counter.value());
        assertTrue(reports.stream().allMatch(r -> r.committed));
        assertEquals(swaps, reports.size());
        assertEquals(swaps % 2 == 0 ? "1.0.0" : "2.0.0", counter.version());
        UnitDTO dto = table.unit(unit);
        assertEquals("swaps recorded", swaps, dto.swaps);
        SwapReport last = reports.get(reports.size() - 1);
        assertEquals("last pause, as the mediator reported it", last.pauseNanos / 1_000, dto.lastPauseMicros);
        assertEquals(last.drainNanos / 1_000, dto.lastDrainMicros);
        assertEquals(last.transferNanos / 1_000, dto.lastTransferMicros);
        assertEquals("every pause in the histogram", swaps, Arrays.stream(dto.pauseHistogram).sum());
    }

    @Test
    public void aCallThatNeverReturnsAbortsTheSwapNamingItsThread() throws Exception {
        Counter counter = proxy("counter");
        counter.increment();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> stuck = new CompletableFuture<>();
        Thread thread = new Thread(() -> stuck.complete(counter.incrementAfter(entered, release)), "stuck-caller");
        thread.start();
        assertTrue(entered.await(10, TimeUnit.SECONDS));

        SwapAbortedException aborted = assertThrows(SwapAbortedException.class,
                () -> mediator.swap("counter", otherImplementation("counter")));
        assertEquals(aborted.getMessage(), Reason.QUIESCENCE_TIMEOUT, aborted.reason());
        assertTrue(aborted.getMessage(), aborted.getMessage().contains("keeps serving with unchanged state"));
        assertTrue(Arrays.toString(aborted.report().holders),
                Arrays.stream(aborted.report().holders).anyMatch(h -> h.contains("'stuck-caller'")));
        assertTrue("the pause is bounded by the deadline", aborted.report().pauseNanos < Duration.ofSeconds(5).toNanos());

        assertEquals("the old version serves", "1.0.0", counter.version());
        assertEquals(2, counter.increment());
        release.countDown();
        assertEquals("the stuck call completes on the old version", Long.valueOf(3), stuck.get(10, TimeUnit.SECONDS));
        assertEquals(3, counter.value());
    }

    @Test
    public void anExceptionInStateImportAbortsCleanly() throws Exception {
        Counter counter = proxy("counter");
        for (int i = 0; i < 10; i++) {
            counter.increment();
        }
        Bundle faulty = context.installBundle(Platform.location("counter-faulty"));
        faulty.start();
        Await.until("the faulty version registers", () -> controls.control("counter").candidates().size() == 2);
        ServiceReference<?> faultyImpl = controls.control("counter").candidates().stream()
                .filter(r -> r.getBundle().getBundleId() == faulty.getBundleId()).findFirst().orElseThrow();

        SwapAbortedException aborted = assertThrows(SwapAbortedException.class,
                () -> mediator.swap("counter", faultyImpl));
        assertEquals(aborted.getMessage(), Reason.IMPORT_FAILED, aborted.reason());
        assertTrue(aborted.getMessage(), aborted.getMessage().contains("FaultyCounter refuses state"));
        assertEquals("1.0.0", counter.version());
        assertEquals(10, counter.value());
        assertEquals(11, counter.increment());
    }

    @Test
    public void anUpdateWhoseImportThrowsRetiresTheNewBundle() throws Exception {
        Counter counter = proxy("counter");
        counter.increment();
        SwapAbortedException aborted = assertThrows(SwapAbortedException.class,
                () -> mediator.update("counter", Platform.location("counter-faulty")));
        assertEquals(aborted.getMessage(), Reason.IMPORT_FAILED, aborted.reason());
        assertTrue("the failed version's bundle is gone", Arrays.stream(context.getBundles())
                .noneMatch(b -> "io.liveswap.fixture.counter.faulty".equals(b.getSymbolicName())));
        assertEquals("1.0.0", counter.version());
        assertEquals(2, counter.increment());
    }

    @Test
    public void anUpdateWhoseActivationThrowsIsRefusedAtOnceNamingTheException() throws Exception {
        Counter counter = proxy("counter");
        counter.increment();
        long start = System.nanoTime();
        SwapAbortedException aborted = assertThrows(SwapAbortedException.class,
                () -> mediator.update("counter", Platform.location("counter-failing-activation")));
        assertEquals(aborted.getMessage(), Reason.ACTIVATION_FAILED, aborted.reason());
        assertTrue(aborted.getMessage(), aborted.getMessage().contains("its database is missing (on purpose)"));
        assertTrue("refused well before the 10 s registration deadline",
                System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        assertTrue("the failed version's bundle is gone", Arrays.stream(context.getBundles())
                .noneMatch(b -> "io.liveswap.fixture.counter.failing".equals(b.getSymbolicName())));
        assertEquals("1.0.0", counter.version());
        assertEquals(2, counter.increment());
    }

    @Test
    public void reentrantCallsDuringASwapDoNotDeadlock() throws Exception {
        Counter counter = proxy("counter");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<Long> outer = CompletableFuture.supplyAsync(
                () -> counter.incrementVia(counter, entered, proceed));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        ServiceReference<?> target = otherImplementation("counter");
        CompletableFuture<SwapReport> swap = new CompletableFuture<>();
        Thread swapper = new Thread(() -> {
            try {
                swap.complete(mediator.swap("counter", target));
            } catch (RuntimeException e) {
                swap.completeExceptionally(e);
            }
        }, "swapper");
        swapper.start();
        Await.until("the swap waits for quiescence", () -> Arrays.stream(swapper.getStackTrace())
                .anyMatch(f -> f.getMethodName().equals("awaitQuiescence")));
        proceed.countDown(); // the call inside the unit now calls back into it through the closed gate
        assertEquals(Long.valueOf(1), outer.get(10, TimeUnit.SECONDS));
        assertTrue(swap.get(10, TimeUnit.SECONDS).committed);
        assertEquals("2.0.0", counter.version());
        assertEquals(2, counter.increment());
    }

    @Test
    public void aPlainBundleUpdateAndRefreshLosesNoCallAndNoState() throws Exception {
        Counter counter = proxy("counter");
        Bundle v2 = bundle("io.liveswap.fixture.counter.v2");
        v2.uninstall(); // no candidate: callers must wait for the updated bundle itself
        refresh(v2);
        Bundle impl = bundle("io.liveswap.fixture.counter.impl");
        try (Callers callers = new Callers(2, counter::increment)) {
            for (int i = 0; i < 5; i++) {
                callers.awaitProgress(50);
                impl.update();
                refresh(impl);
            }
            callers.awaitProgress(50);
            callers.close();
            assertEquals("failed calls (first: " + callers.firstFailure() + ")", 0, callers.failed());
            assertEquals("lost increments", callers.succeeded(), counter.value());
        }
        UnitDTO dto = table.unit("counter");
        assertTrue("an unplanned swap per update at least: " + dto.swaps, dto.swaps >= 5);
        assertTrue("pause " + dto.lastPauseMicros + " µs covers drain " + dto.lastDrainMicros + " µs and transfer "
                + dto.lastTransferMicros + " µs", dto.lastDrainMicros >= 0 && dto.lastTransferMicros >= 0
                        && dto.lastPauseMicros >= dto.lastDrainMicros + dto.lastTransferMicros);
        assertEquals("every pause in the histogram", dto.swaps, Arrays.stream(dto.pauseHistogram).sum());
        String status = new Shell(processor).run("liveswap:status counter");
        assertTrue(status, status.lines().anyMatch(l -> l.startsWith("last pause")
                && l.contains(dto.lastPauseMicros + " µs")));
    }

    @Test
    public void withoutAReplacementCallersGetAClearErrorAfterTheDeadlineAndTheStateWaits() throws Exception {
        Counter counter = proxy("counter");
        bundle("io.liveswap.fixture.counter.v2").uninstall();
        for (int i = 0; i < 7; i++) {
            counter.increment();
        }
        Bundle impl = bundle("io.liveswap.fixture.counter.impl");
        impl.stop();
        long start = System.nanoTime();
        UnitUnavailableException e = assertThrows(UnitUnavailableException.class, counter::increment);
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("counter", e.unit());
        assertTrue("waited " + waitedMillis + " ms, about the 3 s replacement deadline",
                waitedMillis >= 1_000 && waitedMillis < 8_000);
        assertThrows("after the deadline calls fail fast", UnitUnavailableException.class, counter::increment);
        impl.start();
        Await.until("the implementation is back", () -> controls.control("counter").implementation() != null);
        assertEquals("the state waited for it", 7, counter.value());
    }

    private Counter proxy(String unit) throws Exception {
        return Platform.proxy(context, Counter.class, unit);
    }

    private ServiceReference<?> otherImplementation(String unit) {
        Await.until("unit " + unit + " has a candidate", () -> !controls.control(unit).candidates().isEmpty());
        return controls.control(unit).candidates().iterator().next();
    }

    private Bundle bundle(String symbolicName) {
        Bundle found = Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
        assertNotNull(symbolicName, found);
        return found;
    }

    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), e -> done.countDown());
        assertTrue("refresh finished", done.await(30, TimeUnit.SECONDS));
    }
}
