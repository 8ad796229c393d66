package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * The metrics endpoint in a real Felix with the real HTTP service (Felix HTTP Jetty on a free port): scraped over
 * HTTP while updates swap the demo notebook, its counters and histograms move by exactly what happened.
 */
public class MetricsIT extends PlatformTestBase {

    private static final String SWAPS = "liveswap_unit_swaps_total{unit=\"notebook\"}";
    private static final String CALLS = "liveswap_unit_calls_total{unit=\"notebook\"}";
    private static final String PAUSES = "liveswap_unit_pause_seconds_count{unit=\"notebook\"}";
    private static final String PAUSES_UNDER_4S =
            "liveswap_unit_pause_seconds_bucket{unit=\"notebook\",le=\"4.194304\"}";
    private static final String COMMITS = "liveswap_update_commits_total{unit=\"notebook\"}";
    private static final String JOURNALED_PAUSES = "liveswap_update_pause_seconds_count{unit=\"notebook\"}";
    private static final String PENDING = "liveswap_updates_pending";

    @Inject
    Notebook notebook;

    @Inject
    UpdateManager updates;

    @Override
    protected Option testOptions() {
        return composite(
                // any free port: parallel and later runs never clash
                frameworkProperty("org.osgi.service.http.port").value("0"),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                at(2, "http-servlet-api", "http-jetty", "jsr305", "prometheus-config", "prometheus-model",
                        "prometheus-tracer-common", "prometheus-core", "prometheus-textformats", "prometheus-jvm"),
                at(3, "platform-metrics"),
                at(UNITS, "demo-api", "demo-notebook-v1"));
    }

    @Test
    public void countersAndHistogramsMoveByWhatTheSwapsDid() throws Exception {
        String url = metricsUrl();
        MetricsScrape before = MetricsScrape.of(url);
        assertEquals(0, before.value(SWAPS), 0);
        assertEquals(0, before.value(PAUSES), 0);
        assertEquals(1, before.value("liveswap_unit_info{quiescence=\"counting\",unit=\"notebook\",version=\"1.0.0\"}"),
                0);
        assertTrue("the JVM's metrics are served alongside", before.has("jvm_threads_current"));

        for (int i = 0; i < 3; i++) {
            notebook.add("note " + i);
        }
        assertEquals("calls through the proxy are counted", before.value(CALLS) + 3,
                MetricsScrape.of(url).value(CALLS), 0);

        // a scraper keeps scraping while the updates swap the unit: every scrape answers, no counter goes back
        AtomicBoolean swapping = new AtomicBoolean(true);
        List<Object> scrapes = new CopyOnWriteArrayList<>();
        Thread scraper = new Thread(() -> {
            double lastSwaps = 0;
            while (swapping.get()) {
                try {
                    double swaps = MetricsScrape.of(url).value(SWAPS);
                    scrapes.add(swaps >= lastSwaps ? "ok" : "swaps went back from " + lastSwaps + " to " + swaps);
                    lastSwaps = swaps;
                } catch (IOException | AssertionError e) {
                    scrapes.add(e);
                }
            }
        }, "scraper");
        scraper.start();
        Await.until("the scraper scrapes", Duration.ofSeconds(10), () -> !scrapes.isEmpty());
        UpdateRecordDTO committed = updates.apply(Platform.location("demo-notebook-v2"));
        assertEquals(committed.message, "COMMITTED", committed.kind);
        // 3.0.0 replaces 2.1.0: it waits as pending, then aborts on purpose once 2.1.0 lands (its import throws)
        UpdateRecordDTO waiting = updates.apply(Platform.location("demo-notebook-v3-broken"));
        assertEquals(waiting.message, "PENDING", waiting.kind);
        assertEquals("one update waits", 1, MetricsScrape.of(url).value(PENDING), 0);
        UpdateRecordDTO second = updates.apply(Platform.location("demo-notebook-v2-1"));
        assertEquals(second.message, "COMMITTED", second.kind);
        int scrapedWhileSwapping = scrapes.size();
        Await.until("the scraper scrapes after the swaps", Duration.ofSeconds(10),
                () -> scrapes.size() > scrapedWhileSwapping);
        swapping.set(false);
        scraper.join(Duration.ofSeconds(30).toMillis());
        for (Object scrape : scrapes) {
            if (!"ok".equals(scrape)) {
                throw new AssertionError("a scrape during the swaps failed: " + scrape,
                        scrape instanceof Throwable t ? t : null);
            }
        }

        MetricsScrape after = MetricsScrape.of(url);
        assertEquals("swaps: exactly the two that committed", before.value(SWAPS) + 2, after.value(SWAPS), 0);
        assertEquals("each swap's pause lands in the histogram", before.value(PAUSES) + 2, after.value(PAUSES), 0);
        assertEquals("both pauses were under 4.2 s", 2, after.value(PAUSES_UNDER_4S), 0);
        assertEquals(2, after.value(COMMITS), 0);
        assertEquals("the journal's pauses: both commits and the abort (its callers waited too)", 3,
                after.value(JOURNALED_PAUSES), 0);
        assertTrue(after.value("liveswap_update_transfer_seconds_sum{unit=\"notebook\"}") > 0);
        assertEquals(1, after.value("liveswap_unit_info{quiescence=\"counting\",unit=\"notebook\",version=\"2.1.0\"}"),
                0);
        assertEquals("the broken update aborted, counted under its code", 1,
                after.value("liveswap_update_aborts_total{reason=\"IMPORT_FAILED\",unit=\"notebook\"}"), 0);
        assertEquals("nothing waits any more", 0, after.value(PENDING), 0);

        UpdateRecordDTO refused = updates.apply(Platform.location("demo-notebook-v2-1"));
        assertEquals(refused.message, Reason.DUPLICATE, refused.reason);
        MetricsScrape last = MetricsScrape.of(url);
        String duplicates = "liveswap_update_refusals_total{reason=\"DUPLICATE\",unit=\"notebook\"}";
        assertEquals("a refusal is counted under its code", after.valueOrZero(duplicates) + 1, last.value(duplicates),
                0);
        assertEquals("a refusal swaps nothing", after.value(SWAPS), last.value(SWAPS), 0);
    }

    /**
     * The metrics URL on the HTTP service's endpoint (its {@code osgi.http.endpoint}, with the port it chose), once
     * the servlet answers there.
     */
    private String metricsUrl() throws Exception {
        String[] endpoint = new String[1];
        Await.until("the HTTP service runs", Duration.ofSeconds(20), () -> {
            try {
                ServiceReference<?>[] runtimes = context.getAllServiceReferences(
                        "org.osgi.service.servlet.runtime.HttpServiceRuntime", null);
                if (runtimes != null) {
                    Object property = runtimes[0].getProperty("osgi.http.endpoint");
                    endpoint[0] = property instanceof String[] all ? all[0] : String.valueOf(property);
                }
            } catch (org.osgi.framework.InvalidSyntaxException impossible) {
                throw new AssertionError(impossible);
            }
            return endpoint[0] != null;
        });
        String url = endpoint[0].replaceAll("/$", "") + "/metrics";
        Await.until(url + " answers", Duration.ofSeconds(20), () -> {
            try {
                MetricsScrape.of(url);
                return true;
            } catch (IOException | AssertionError notYet) {
                return false;
            }
        });
        return url;
    }
}
