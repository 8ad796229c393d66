package io.liveswap.metrics;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitDTO;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

public class UnitMetricsTest {

    private static String scrape(UnitDTO... units) throws IOException {
        TranslationTable table = (TranslationTable) Proxy.newProxyInstance(TranslationTable.class.getClassLoader(),
                new Class<?>[] {TranslationTable.class}, (proxy, method, args) -> List.of(units));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, new UnitMetrics(table).collect());
        return out.toString(StandardCharsets.UTF_8);
    }

    private static UnitDTO unit(String name) {
        UnitDTO unit = new UnitDTO();
        unit.name = name;
        unit.version = "1.0.0";
        unit.quiescence = "counting";
        unit.available = true;
        unit.pauseHistogram = new long[Log2Buckets.COUNT];
        return unit;
    }

    @Test
    public void aUnitsCountersGaugesAndPausesAreLabelledWithItsName() throws IOException {
        UnitDTO notebook = unit("notebook");
        notebook.calls = 42;
        notebook.swaps = 3;
        notebook.pauseHistogram[5] = 2; // 16-31 µs
        notebook.pauseHistogram[11] = 1; // 1024-2047 µs
        notebook.lastPauseMicros = 1500;
        String text = scrape(notebook);
        assertTrue(text, text.contains("liveswap_unit_calls_total{unit=\"notebook\"} 42.0\n"));
        assertTrue(text, text.contains("liveswap_unit_swaps_total{unit=\"notebook\"} 3.0\n"));
        assertTrue(text, text.contains("liveswap_unit_last_pause_seconds{unit=\"notebook\"} 0.0015\n"));
        assertTrue(text, text.contains("liveswap_unit_pause_seconds_bucket{unit=\"notebook\",le=\"3.2E-5\"} 2\n"));
        assertTrue(text, text.contains("liveswap_unit_pause_seconds_bucket{unit=\"notebook\",le=\"0.002048\"} 3\n"));
        assertTrue(text, text.contains("liveswap_unit_pause_seconds_count{unit=\"notebook\"} 3\n"));
        assertTrue(text, text.contains(
                "liveswap_unit_info{quiescence=\"counting\",unit=\"notebook\",version=\"1.0.0\"} 1\n"));
    }

    @Test
    public void unknownValuesAreLeftOutAndInstancesAreCountedPerVersion() throws IOException {
        UnitDTO scanned = unit("scanned");
        scanned.calls = -1; // stack-scan mode counts no calls
        UnitDTO sessions = unit("sessions");
        sessions.instances = 5;
        sessions.instancesByVersion = Map.of("1.0.0", 2L, "2.0.0", 3L);
        sessions.instancesFailed = 1;
        String text = scrape(scanned, sessions);
        assertFalse("no call count for a stack-scan unit",
                text.contains("liveswap_unit_calls_total{unit=\"scanned\"}"));
        assertFalse("no last pause before the first swap", text.contains("liveswap_unit_last_pause_seconds{"));
        assertFalse("no failed instances for a unit of one instance",
                text.contains("liveswap_unit_instances_failed{unit=\"scanned\"}"));
        assertTrue(text, text.contains("liveswap_unit_instances{unit=\"sessions\",version=\"1.0.0\"} 2.0\n"));
        assertTrue(text, text.contains("liveswap_unit_instances{unit=\"sessions\",version=\"2.0.0\"} 3.0\n"));
        assertTrue(text, text.contains("liveswap_unit_instances_failed{unit=\"sessions\"} 1.0\n"));
    }
}
