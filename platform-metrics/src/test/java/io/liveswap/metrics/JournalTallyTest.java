package io.liveswap.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;

import io.liveswap.api.Reason;
import io.liveswap.updates.UpdateRecordDTO;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

public class JournalTallyTest {

    private static UpdateRecordDTO record(String unit, String kind, Reason reason, long pause, long drain,
            long transfer) {
        UpdateRecordDTO record = new UpdateRecordDTO();
        record.unit = unit;
        record.kind = kind;
        record.reason = reason;
        record.pauseMicros = pause;
        record.drainMicros = drain;
        record.transferMicros = transfer;
        return record;
    }

    private static String scrape(List<UpdateRecordDTO> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out,
                new MetricSnapshots(JournalTally.of(records).snapshots()));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void outcomesAreCountedByUnitAndRefusalsAndAbortsByCode() throws IOException {
        String text = scrape(List.of(
                record("notebook", "INTENT", Reason.NONE, -1, -1, -1),
                record("notebook", "COMMITTED", Reason.NONE, 100, 10, 50),
                record("notebook", "REFUSED", Reason.DUPLICATE, -1, -1, -1),
                record("notebook", "REFUSED", Reason.DUPLICATE, -1, -1, -1),
                record(null, "REFUSED", Reason.INCOMPLETE, -1, -1, -1),
                record("notebook", "ABORTED", Reason.IMPORT_FAILED, 3000, 20, -1),
                record("counter", "INTERRUPTED", Reason.STOPPED_MID_UPDATE, -1, -1, -1),
                record("counter", "ROLLED_BACK", Reason.NONE, 7, 1, 2),
                record("counter", "PENDING", Reason.GAP, -1, -1, -1),
                record("counter", "WITHDRAWN", Reason.NONE, -1, -1, -1)));
        assertTrue(text, text.contains("liveswap_update_commits_total{unit=\"notebook\"} 1.0\n"));
        assertTrue(text, text.contains(
                "liveswap_update_refusals_total{reason=\"DUPLICATE\",unit=\"notebook\"} 2.0\n"));
        assertTrue("a file that named no unit", text.contains(
                "liveswap_update_refusals_total{reason=\"INCOMPLETE\",unit=\"\"} 1.0\n"));
        assertTrue(text, text.contains("liveswap_update_aborts_total{reason=\"IMPORT_FAILED\",unit=\"notebook\"} 1.0\n"));
        assertTrue("a stop mid-update counts as an abort", text.contains(
                "liveswap_update_aborts_total{reason=\"STOPPED_MID_UPDATE\",unit=\"counter\"} 1.0\n"));
        assertTrue(text, text.contains("liveswap_update_rollbacks_total{unit=\"counter\"} 1.0\n"));
        assertTrue("intents, pending updates and withdrawals are no outcomes", !text.contains("GAP"));
    }

    @Test
    public void measuredTimingsFillHistogramsWithTheirSums() throws IOException {
        String text = scrape(List.of(
                record("notebook", "COMMITTED", Reason.NONE, 100, 10, 50),
                record("notebook", "ABORTED", Reason.IMPORT_FAILED, 3000, 20, -1),
                record("notebook", "REFUSED", Reason.DUPLICATE, -1, -1, -1)));
        assertTrue(text, text.contains("liveswap_update_pause_seconds_count{unit=\"notebook\"} 2\n"));
        assertTrue(text, text.contains("liveswap_update_pause_seconds_sum{unit=\"notebook\"} 0.0031\n"));
        assertTrue("100 µs is in the bucket up to 128 µs", text.contains(
                "liveswap_update_pause_seconds_bucket{unit=\"notebook\",le=\"1.28E-4\"} 1\n"));
        assertTrue("3000 µs is above 2048 µs", text.contains(
                "liveswap_update_pause_seconds_bucket{unit=\"notebook\",le=\"0.002048\"} 1\n"));
        assertTrue(text, text.contains("liveswap_update_pause_seconds_bucket{unit=\"notebook\",le=\"0.004096\"} 2\n"));
        assertTrue("an unmeasured transfer is left out", text.contains(
                "liveswap_update_transfer_seconds_count{unit=\"notebook\"} 1\n"));
        assertTrue("the drain histogram counts both", text.contains(
                "liveswap_update_drain_seconds_count{unit=\"notebook\"} 2\n"));
    }
}
