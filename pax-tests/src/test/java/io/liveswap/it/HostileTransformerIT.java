package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;
import io.liveswap.fixture.counter.Counter;
import io.liveswap.mediator.SwapAbortedException;

/**
 * A state transformer that throws, and one that returns an object no other version could read: both abort the
 * swap before its point of no return, and the old version keeps serving with its count.
 */
public class HostileTransformerIT extends PlatformTestBase {

    @Override
    protected Option testOptions() {
        return at(UNITS, "counter-api", "counter-impl", "counter-v2", "counter-hostile-transformer");
    }

    @Test
    public void aTransformerThatThrowsOrReturnsGarbageAbortsTheSwap() throws Exception {
        Counter counter = Platform.proxy(context, Counter.class, "counter");
        Await.until("2.0.0 is a candidate", () -> !controls.control("counter").candidates().isEmpty());
        ServiceReference<?> v2 = controls.control("counter").candidates().iterator().next();
        for (int i = 0; i < 4; i++) {
            counter.increment();
        }

        SwapAbortedException threw = assertThrows(SwapAbortedException.class, () -> mediator.swap("counter", v2));
        assertEquals(threw.getMessage(), Reason.TRANSFORMER_FAILED, threw.reason());
        assertTrue(threw.getMessage(), threw.getMessage().contains("state transformer 1.0.0 -> 2.0.0")
                && threw.getMessage().contains("HostileTransformer refuses even counts")
                && threw.getMessage().contains("keeps serving with unchanged state"));
        assertEquals("1.0.0", counter.version());
        assertEquals(5, counter.increment());

        SwapAbortedException garbage = assertThrows(SwapAbortedException.class, () -> mediator.swap("counter", v2));
        assertEquals(garbage.getMessage(), Reason.INVALID_STATE, garbage.reason());
        assertTrue(garbage.getMessage(), garbage.getMessage().contains("value at $.total is a java.lang.StringBuilder")
                && garbage.getMessage().contains("may hold only"));
        assertEquals("1.0.0", counter.version());
        assertEquals(6, counter.increment());
    }
}
