package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.FrameworkWiring;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.CoreOptions;

import io.liveswap.api.Reason;
import io.liveswap.fixture.counter.Counter;
import io.liveswap.fixture.shelf.Shelf;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;

/**
 * Automatic state transfer in a real Felix: a unit with no state code (fixtures {@code shelf-*}) updated while a
 * consumer keeps writing, its fields carried into a renamed class, a place split by hooks and numbers widened, then
 * rolled back by the same field matching; an update automatic transfer cannot carry refused before its pause; and a
 * hand-written state whose format changes without a transformer refused (fixture {@code counter-reformat}).
 */
public class AutomaticTransferIT extends PlatformTestBase {

    @Override
    protected Option testOptions() {
        return CoreOptions.composite(at(UNITS, "shelf-api", "shelf-v1"), at(UNITS, "counter-api", "counter-impl"));
    }

    /** What the test wrote, per SKU: the last location and the sum of quantities; and every put in order. */
    private static final class Written {
        final Map<String, String> location = new LinkedHashMap<>();
        final Map<String, Long> quantity = new LinkedHashMap<>();
        final List<String> puts = new ArrayList<>();
        long total;

        void put(Shelf shelf, String sku, String where, int amount) {
            shelf.put(sku, where, amount);
            location.put(sku, where);
            quantity.merge(sku, (long) amount, Long::sum);
            puts.add(sku);
            total += amount;
        }

        void assertHeldBy(Shelf shelf, String version) {
            assertEquals(version, shelf.version());
            assertEquals(List.copyOf(location.keySet()), shelf.skus());
            assertEquals(puts, shelf.puts());
            assertEquals(total, shelf.total());
            location.forEach((sku, where) -> assertEquals(sku, where, shelf.location(sku)));
            quantity.forEach((sku, amount) -> assertEquals(sku, (long) amount, shelf.quantity(sku)));
            assertTrue("every put still refers to its item (shared references kept)", shelf.shared());
        }
    }

    @Test
    public void aUnitWithoutStateCodeIsUpdatedAndRolledBackWithEveryFieldUnderLoad() throws Exception {
        Shelf shelf = Platform.proxy(context, Shelf.class, "shelf");
        Written written = new Written();
        for (int i = 0; i < 300; i++) {
            written.put(shelf, "sku-" + (i % 40), (i % 9 + 1) + "/" + (i % 17 + 1), i % 5 + 1);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                try {
                    synchronized (written) {
                        written.put(shelf, "live-" + (i % 25), "7/" + (i % 3 + 1), 1);
                    }
                } catch (RuntimeException e) {
                    failed.set(e);
                    return;
                }
            }
        }, "shelf-writer");
        writer.start();
        SwapReport up;
        try {
            up = mediator.update("shelf", Platform.location("shelf-v2"));
        } finally {
            stop.set(true);
            writer.join();
        }
        assertEquals("no call failed", null, failed.get());
        assertTrue(up.committed);
        assertEquals(Reason.NONE, up.reason);
        assertArrayEquals("location is read by the hooks, nothing dropped", new String[0], up.droppedFields);
        assertTrue("values carried: " + up.stateValues, up.stateValues > 300);
        written.assertHeldBy(shelf, "2.0.0");
        written.put(shelf, "after-up", "3/4", 2);

        SwapReport down = mediator.update("shelf", Platform.location("shelf-v1"));
        assertTrue(down.committed);
        written.assertHeldBy(shelf, "1.0.0");
        assertTrue("2.0.0's own field is reported dropped: " + String.join(",", down.droppedFields),
                List.of(down.droppedFields).contains("io.liveswap.fixture.shelf.impl.StockItem.origin"));
    }

    @Test
    public void anUpdateAutomaticTransferCannotCarryIsRefusedBeforeThePause() throws Exception {
        Shelf shelf = Platform.proxy(context, Shelf.class, "shelf");
        Written written = new Written();
        written.put(shelf, "bolt", "1/2", 5);
        assertTrue(mediator.update("shelf", Platform.location("shelf-v2")).committed);

        SwapAbortedException refused = assertThrows(SwapAbortedException.class,
                () -> mediator.update("shelf", Platform.location("shelf-v3-unmappable")));
        assertEquals(refused.getMessage(), Reason.STATE_UNMAPPABLE, refused.reason());
        assertTrue(refused.getMessage(), refused.getMessage().contains("StockItem.quantity"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("@Derive(\"quantity\")"));
        assertEquals("refused before any caller waited", 0, refused.report().pauseNanos);
        written.assertHeldBy(shelf, "2.0.0");
        written.put(shelf, "nut", "2/2", 1);
        written.assertHeldBy(shelf, "2.0.0");
    }

    @Test
    public void aStateFormatChangeWithoutATransformerIsRefusedBeforeThePause() throws Exception {
        Counter counter = Platform.proxy(context, Counter.class, "counter");
        for (int i = 0; i < 42; i++) {
            counter.increment();
        }
        SwapAbortedException refused = assertThrows(SwapAbortedException.class,
                () -> mediator.update("counter", Platform.location("counter-reformat")));
        assertEquals(refused.getMessage(), Reason.STATE_FORMAT_CHANGED, refused.reason());
        assertTrue(refused.getMessage(), refused.getMessage().contains("'counter.count/1'")
                && refused.getMessage().contains("'counter.count/2'"));
        assertEquals(0, refused.report().pauseNanos);
        assertEquals("1.0.0", counter.version());
        assertEquals(42, counter.value());
        assertEquals(43, counter.increment());
    }

    @Test
    public void aPlainOsgiUpdateCarriesTheFieldsToo() throws Exception {
        Shelf shelf = Platform.proxy(context, Shelf.class, "shelf");
        Written written = new Written();
        for (int i = 0; i < 50; i++) {
            written.put(shelf, "sku-" + (i % 7), (i % 4 + 1) + "/" + (i % 3 + 1), i + 1);
        }
        Bundle v1 = Arrays.stream(context.getBundles())
                .filter(b -> "io.liveswap.fixture.shelf.v1".equals(b.getSymbolicName())).findFirst().orElseThrow();
        try (InputStream jar = URI.create(Platform.location("shelf-v2")).toURL().openStream()) {
            v1.update(jar); // the way Gogo's update does it: the same bundle, a new revision
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(v1), e -> refreshed.countDown());
        assertTrue("refresh finished", refreshed.await(30, TimeUnit.SECONDS));
        Await.until("2.0.0 serves", () -> "2.0.0".equals(shelf.version()));
        written.assertHeldBy(shelf, "2.0.0");
    }
}
