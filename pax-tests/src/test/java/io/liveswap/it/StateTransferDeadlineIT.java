package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static io.liveswap.it.Platform.platform;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;
import io.liveswap.fixture.counter.Counter;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.spi.UnitControls;

/**
 * State transfer has its own deadline ({@code stateTransferTimeoutMillis}, default 2000 ms): a transformer that takes
 * 5 s ({@code counter-slow-transformer}) aborts the swap at the deadline; callers wait no longer than the deadline
 * plus a margin; the old version keeps serving with its state.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class StateTransferDeadlineIT {

    private static final Duration DEADLINE = Duration.ofMillis(2000);
    private static final Duration MARGIN = Duration.ofMillis(1500);

    @Inject
    BundleContext context;

    @Inject
    Mediator mediator;

    @Inject
    UnitControls controls;

    @Configuration
    public Option[] configuration() {
        return new Option[] {platform(at(UNITS, "counter-api", "counter-impl", "counter-v2",
                "counter-slow-transformer"))};
    }

    @Test
    public void aSlowTransformerAbortsTheSwapAtTheDeadlineAndTheOldVersionKeepsItsState() throws Exception {
        Counter counter = Platform.proxy(context, Counter.class, "counter");
        Await.until("2.0.0 is a candidate", () -> !controls.control("counter").candidates().isEmpty());
        ServiceReference<?> v2 = controls.control("counter").candidates().iterator().next();
        for (int i = 0; i < 4; i++) {
            counter.increment();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong succeeded = new AtomicLong();
        AtomicLong longestCall = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            while (!stop.get()) {
                long start = System.nanoTime();
                try {
                    counter.increment();
                    succeeded.incrementAndGet();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
                longestCall.accumulateAndGet(System.nanoTime() - start, Math::max);
            }
        }, "timed-caller");
        caller.start();
        Await.until("the caller runs", () -> succeeded.get() > 10);

        long start = System.nanoTime();
        SwapAbortedException aborted = assertThrows(SwapAbortedException.class, () -> mediator.swap("counter", v2));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        long after = succeeded.get();
        Await.until("the caller continues after the abort", () -> succeeded.get() > after + 10);
        stop.set(true);
        caller.join(10_000);

        String message = aborted.getMessage();
        assertEquals(message, Reason.TRANSFER_TIMEOUT, aborted.reason());
        assertTrue(message, message.contains("state transfer") && message.contains("2000 ms")
                && message.contains("stateTransferTimeoutMillis") && message.contains("unchanged state"));
        assertTrue("the swap gave up at the deadline: " + tookMillis + " ms",
                tookMillis >= DEADLINE.toMillis() - 50 && tookMillis < DEADLINE.plus(MARGIN).toMillis());
        assertTrue("callers waited " + longestCall.get() / 1_000_000 + " ms at most",
                longestCall.get() < DEADLINE.plus(MARGIN).toNanos());
        assertEquals("no call failed (first: " + failure.get() + ")", null, failure.get());
        assertEquals("the old version serves", "1.0.0", counter.version());
        assertEquals("the old version kept its state and every call", 4 + succeeded.get(), counter.value());

        Await.until("the abandoned transfer has finished", () -> Thread.getAllStackTraces().entrySet().stream()
                .noneMatch(e -> e.getKey().getName().startsWith("liveswap-state-transfer") && Arrays.stream(e.getValue())
                        .anyMatch(f -> f.getClassName().startsWith("io.liveswap.mediator.internal."))));
        Counter abandoned = (Counter) controls.control("counter").implementation(v2);
        assertEquals("the abandoned new version imported nothing", 0, abandoned.value());
        assertEquals("1.0.0", counter.version());
        assertEquals(5 + succeeded.get(), counter.increment());
    }
}
