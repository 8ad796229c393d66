package io.liveswap.core.quiescence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

import io.liveswap.api.UnitUnavailableException;
import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.spi.QuiescenceMode;
import io.liveswap.spi.QuiescenceTimeoutException;

/** Blocking, deadlines, re-entrancy and swap groups of both gates, on real proxies. */
@RunWith(Parameterized.class)
public class GateBehaviourTest {

    public interface Service {
        String call(Supplier<String> inside);
    }

    /** Runs the given code inside the unit, tagged with the implementation's name. */
    static final class Named implements Service {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String call(Supplier<String> inside) {
            return name + ":" + inside.get();
        }
    }

    @Parameters(name = "{0}")
    public static Object[] modes() {
        return QuiescenceMode.values();
    }

    @Parameter
    public QuiescenceMode mode;

    private UnitProxy unit(String name, Service target) {
        UnitProxy unit = UnitProxy.create(name, List.of(Service.class), mode);
        unit.retarget(target);
        return unit;
    }

    private static long in(Duration d) {
        return System.nanoTime() + d.toNanos();
    }

    @Test
    public void callsWaitAtAClosedGateAndContinueOnTheNewTarget() throws Exception {
        UnitProxy unit = unit("svc", new Named("old"));
        Service proxy = (Service) unit.proxy();
        Gate gate = unit.gate();
        gate.close(List.of(gate), in(Duration.ofSeconds(10)));
        CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> proxy.call(() -> "x"));
        assertThrows(java.util.concurrent.TimeoutException.class, () -> blocked.get(200, TimeUnit.MILLISECONDS));
        gate.awaitQuiescence(in(Duration.ofSeconds(1)));
        unit.retarget(new Named("new"));
        gate.open();
        assertEquals("new:x", blocked.get(5, TimeUnit.SECONDS));
    }

    @Test
    public void aCallThatNeverReturnsFailsTheDeadlineNamingItsThread() throws Exception {
        UnitProxy unit = unit("stuck", new Named("old"));
        Service proxy = (Service) unit.proxy();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread stuck = new Thread(() -> proxy.call(() -> {
            inside.countDown();
            await(release);
            return "done";
        }), "stuck-caller");
        stuck.start();
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        Gate gate = unit.gate();
        gate.close(List.of(gate), in(Duration.ofSeconds(10)));
        QuiescenceTimeoutException e = assertThrows(QuiescenceTimeoutException.class,
                () -> gate.awaitQuiescence(in(Duration.ofMillis(200))));
        gate.open();
        assertEquals("stuck", e.unit());
        assertTrue(e.getMessage(), e.getMessage().contains("stuck-caller"));
        assertEquals(1, e.holders().size());
        release.countDown();
        stuck.join(5_000);
        assertEquals("the old version keeps serving", "old:y", proxy.call(() -> "y"));
    }

    @Test
    public void reentrantCallsPassThroughAClosedGate() throws Exception {
        UnitProxy unit = unit("reentrant", new Named("old"));
        Service proxy = (Service) unit.proxy();
        Gate gate = unit.gate();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        CompletableFuture<String> outer = CompletableFuture.supplyAsync(() -> proxy.call(() -> {
            inside.countDown();
            await(closed);
            return proxy.call(() -> "nested"); // back into the unit while its gate is closed
        }));
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        gate.close(List.of(gate), in(Duration.ofSeconds(10)));
        closed.countDown();
        gate.awaitQuiescence(in(Duration.ofSeconds(5))); // would time out if the nested call waited
        unit.retarget(new Named("new"));
        gate.open();
        assertEquals("old:old:nested", outer.get(5, TimeUnit.SECONDS));
        assertEquals("new:z", proxy.call(() -> "z"));
    }

    @Test
    public void callsBetweenUnitsSwappedTogetherPassThrough() throws Exception {
        UnitProxy a = unit("a", new Named("a1"));
        UnitProxy b = unit("b", new Named("b1"));
        Service proxyA = (Service) a.proxy();
        Service proxyB = (Service) b.proxy();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        CompletableFuture<String> aCallsB = CompletableFuture.supplyAsync(() -> proxyA.call(() -> {
            inside.countDown();
            await(closed);
            return proxyB.call(() -> "deep");
        }));
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        List<Gate> group = List.of(a.gate(), b.gate());
        a.gate().close(group, in(Duration.ofSeconds(10)));
        b.gate().close(group, in(Duration.ofSeconds(10)));
        closed.countDown();
        a.gate().awaitQuiescence(in(Duration.ofSeconds(5)));
        b.gate().awaitQuiescence(in(Duration.ofSeconds(5)));
        a.retarget(new Named("a2"));
        b.retarget(new Named("b2"));
        a.gate().open();
        b.gate().open();
        assertEquals("a1:b1:deep", aCallsB.get(5, TimeUnit.SECONDS));
        assertEquals("a2:b2:x", proxyA.call(() -> proxyB.call(() -> "x")));
    }

    @Test
    public void aCallerWaitsNoLongerThanTheWaitLimit() throws Exception {
        UnitProxy unit = unit("forgotten", new Named("old"));
        Service proxy = (Service) unit.proxy();
        Gate gate = unit.gate();
        gate.close(List.of(gate), in(Duration.ofMillis(150)));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                proxy.call(() -> "never");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.start();
        caller.join(5_000);
        assertTrue(failure.get() instanceof UnitUnavailableException);
        assertTrue(failure.get().getMessage(), failure.get().getMessage().contains("'forgotten'"));
        gate.awaitQuiescence(in(Duration.ofSeconds(1))); // the failed caller left nothing marked
        gate.open();
        assertEquals("old:ok", proxy.call(() -> "ok"));
    }

    @Test
    public void anUpdateStartedFromInsideTheUnitAbortsAtOnce() throws Exception {
        UnitProxy unit = unit("self", new Named("old"));
        Service proxy = (Service) unit.proxy();
        Gate gate = unit.gate();
        String result = proxy.call(() -> {
            gate.close(List.of(gate), in(Duration.ofSeconds(10)));
            try {
                gate.awaitQuiescence(in(Duration.ofSeconds(10)));
                return "quiesced?!";
            } catch (QuiescenceTimeoutException e) {
                return e.getMessage().contains("inside the unit") ? "refused" : e.getMessage();
            } catch (InterruptedException e) {
                return "interrupted";
            } finally {
                gate.open();
            }
        });
        assertEquals("old:refused", result);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
