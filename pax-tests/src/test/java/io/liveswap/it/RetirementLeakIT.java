package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static io.liveswap.it.Platform.platform;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Arrays;

import org.junit.Test;
import org.ops4j.pax.exam.Option;

import io.liveswap.fixture.counter.Counter;
import io.liveswap.mediator.SwapReport;

/**
 * The classic hot-redeployment leak: after an update retires a version's bundle, nothing in the platform may keep
 * that version's class loader reachable. The test holds the retired loader only weakly and fails if garbage
 * collection cannot clear it.
 */
public class RetirementLeakIT extends PlatformTestBase {

    @Override
    protected Option testOptions() {
        return at(UNITS, "counter-api", "counter-impl");
    }

    @Test
    public void aRetiredVersionsClassLoaderBecomesUnreachable() throws Exception {
        Counter counter = Platform.proxy(context, Counter.class, "counter");
        Callers callers = new Callers(2, counter::increment);
        WeakReference<ClassLoader> retired;
        try {
            callers.awaitProgress(1000);
            retired = new WeakReference<>(controls.control("counter").implementation().getClass().getClassLoader());
            SwapReport report = mediator.update("counter", Platform.location("counter-v2"));
            assertTrue(report.committed);
            callers.awaitProgress(1000);
        } finally {
            callers.close();
        }
        assertEquals("failed calls (first: " + callers.firstFailure() + ")", 0, callers.failed());
        assertEquals(callers.succeeded(), counter.value());
        assertTrue("the old bundle is gone", Arrays.stream(context.getBundles())
                .noneMatch(b -> "io.liveswap.fixture.counter.impl".equals(b.getSymbolicName())));
        Await.until("the retired version's class loader is collected", Duration.ofSeconds(20), () -> {
            System.gc(); // a request; the wait is on the weak reference being cleared, bounded by the deadline
            return retired.get() == null;
        });
    }
}
