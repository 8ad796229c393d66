package io.liveswap.core.quiescence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.spi.QuiescenceMode;

/**
 * Races callers against swaps on the real proxy and gate. A version whose state was exported counts every call that
 * still reaches it as a violation, and its increments are lost: both must stay at zero with the drain, and the
 * control run without the drain shows that the test can see them.
 */
@RunWith(Parameterized.class)
public class SwapRaceTest {

    public interface Counter {
        long increment();
    }

    /** One version of the counter; {@code retired} once its state was exported. */
    static final class Version implements Counter {
        private final AtomicLong violations;
        private long count;
        private volatile boolean retired;

        Version(AtomicLong violations) {
            this.violations = violations;
        }

        @Override
        public long increment() {
            if (retired) {
                violations.incrementAndGet();
            }
            long next = count + 1; // deliberately not atomic: only quiescence keeps two versions apart
            for (int i = 0; i < 50; i++) {
                Thread.onSpinWait();
            }
            count = next;
            return next;
        }

        synchronized long export() {
            retired = true;
            return count;
        }

        synchronized void importCount(long value) {
            count = value;
            retired = false;
        }
    }

    @Parameters(name = "{0}")
    public static Object[] modes() {
        return QuiescenceMode.values();
    }

    @Parameter
    public QuiescenceMode mode;

    /** Result of one run. */
    record Run(long calls, long finalCount, long violations, int swaps) {
    }

    private Run race(int swaps, boolean drain, Duration limit) throws Exception {
        AtomicLong violations = new AtomicLong();
        Version[] versions = {new Version(violations), new Version(violations)};
        UnitProxy unit = UnitProxy.create("counter", List.of(Counter.class), mode);
        unit.retarget(versions[0]);
        Counter proxy = (Counter) unit.proxy();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        // one caller only: the counter is not thread safe by design, so two callers would race each other
        Thread caller = new Thread(() -> {
            while (!stop.get()) {
                proxy.increment();
                calls.incrementAndGet();
            }
        }, "race-caller");
        caller.start();
        long end = System.nanoTime() + limit.toNanos();
        int done = 0;
        try {
            for (; done < swaps && System.nanoTime() < end; done++) {
                Version from = versions[done % 2];
                Version to = versions[(done + 1) % 2];
                Gate gate = unit.gate();
                gate.close(List.of(gate), System.nanoTime() + Duration.ofSeconds(10).toNanos());
                if (drain) {
                    gate.awaitQuiescence(System.nanoTime() + Duration.ofSeconds(5).toNanos());
                }
                to.importCount(from.export());
                unit.retarget(to);
                gate.open();
                long seen = calls.get();
                while (calls.get() < seen + 3 && System.nanoTime() < end) {
                    Thread.onSpinWait(); // let the caller run between two swaps
                }
                if (!drain && violations.get() > 0) {
                    done++;
                    break;
                }
            }
        } finally {
            stop.set(true);
            caller.join();
        }
        Version last = versions[done % 2];
        return new Run(calls.get(), last.export(), violations.get(), done);
    }

    @Test
    public void noCallRunsInARetiredVersionAndNoIncrementIsLost() throws Exception {
        Run run = race(2_000, true, Duration.ofSeconds(20));
        assertEquals("calls in a retired version", 0, run.violations());
        assertEquals("increments lost", run.calls(), run.finalCount());
        assertTrue("swaps done: " + run.swaps(), run.swaps() >= 500);
        assertTrue("calls made: " + run.calls(), run.calls() >= 3L * run.swaps());
    }

    @Test
    public void withoutTheDrainTheTestSeesOldCodeRunningAfterTheSwap() throws Exception {
        Run run = race(Integer.MAX_VALUE, false, Duration.ofSeconds(20));
        assertTrue("a swap without drain let calls run in the retired version (" + run.swaps() + " swaps)",
                run.violations() > 0);
    }
}
