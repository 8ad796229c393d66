package io.liveswap.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.liveswap.updates.UpdateRecordDTO;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * The update journal summed up as metrics, labelled {@code unit} (empty for a file that could not be read far enough
 * to name one): outcomes counted by kind, refusals and aborts also by their {@link io.liveswap.api.Reason} code, and
 * the timings the records carry in {@link Log2Buckets} histograms with their sums. The journal is durable, so these
 * counts go on across restarts. Made afresh at each scrape from one read of the journal; not thread safe.
 */
final class JournalTally {

    /** A family of counters of one record kind; {@code byReason} adds the label {@code reason} (the record's code). */
    private record Outcome(String name, String help, boolean byReason) {
    }

    /** Which record kinds are counted, and as what: one line per kind (INTENT, PENDING, WITHDRAWN are not counted). */
    private static final Map<String, Outcome> OUTCOMES = Map.of(
            "COMMITTED", new Outcome("liveswap_update_commits", "Updates that committed (journal)", false),
            "ROLLED_BACK", new Outcome("liveswap_update_rollbacks", "Rollbacks that committed (journal)", false),
            "ABORTED", new Outcome("liveswap_update_aborts",
                    "Updates and rollbacks that aborted or were interrupted by a stop, by code (journal)", true),
            "INTERRUPTED", new Outcome("liveswap_update_aborts",
                    "Updates and rollbacks that aborted or were interrupted by a stop, by code (journal)", true),
            "REFUSED", new Outcome("liveswap_update_refusals", "Updates and files refused, by code (journal)", true));

    /** Counts per family name, then per label values (unit, or unit and reason); sorted for a stable scrape. */
    private final Map<String, Map<List<String>, Long>> counts = new TreeMap<>();
    private final Map<String, String> helps = new TreeMap<>();
    private final Timings pauses = new Timings("liveswap_update_pause_seconds",
            "Pauses of journaled swaps: from closing the unit's gate to opening it again (journal)");
    private final Timings drains = new Timings("liveswap_update_drain_seconds",
            "Waits of journaled swaps for the calls inside the unit to return (journal)");
    private final Timings transfers = new Timings("liveswap_update_transfer_seconds",
            "State transfers of journaled swaps: export, transform, import (journal)");

    static JournalTally of(List<UpdateRecordDTO> records) {
        JournalTally tally = new JournalTally();
        for (Outcome outcome : OUTCOMES.values()) {
            tally.counts.putIfAbsent(outcome.name(), new TreeMap<>(JournalTally::compare));
            tally.helps.put(outcome.name(), outcome.help());
        }
        records.forEach(tally::add);
        return tally;
    }

    private void add(UpdateRecordDTO record) {
        String unit = record.unit == null ? "" : record.unit;
        Outcome outcome = OUTCOMES.get(record.kind);
        if (outcome != null) {
            List<String> labels = outcome.byReason() ? List.of(unit, record.reason.name()) : List.of(unit);
            counts.get(outcome.name()).merge(labels, 1L, Long::sum);
        }
        pauses.add(unit, record.pauseMicros);
        drains.add(unit, record.drainMicros);
        transfers.add(unit, record.transferMicros);
    }

    /** The counter families, then the histograms. */
    List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> out = new ArrayList<>();
        counts.forEach((name, points) -> {
            CounterSnapshot.Builder family = CounterSnapshot.builder().name(name).help(helps.get(name));
            points.forEach((values, count) -> family.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(values.size() == 1 ? Labels.of("unit", values.get(0))
                            : Labels.of("unit", values.get(0), "reason", values.get(1)))
                    .value(count).build()));
            out.add(family.build());
        });
        out.add(pauses.snapshot());
        out.add(drains.snapshot());
        out.add(transfers.snapshot());
        return out;
    }

    private static int compare(List<String> a, List<String> b) {
        return String.join("\0", a).compareTo(String.join("\0", b));
    }

    /** One histogram family: per unit, the measured durations (negative ones were not measured) and their sum. */
    private static final class Timings {

        private final String name;
        private final String help;
        private final Map<String, long[]> buckets = new TreeMap<>();
        private final Map<String, Long> sums = new TreeMap<>();

        Timings(String name, String help) {
            this.name = name;
            this.help = help;
        }

        void add(String unit, long micros) {
            if (micros >= 0) {
                buckets.computeIfAbsent(unit, u -> new long[Log2Buckets.COUNT])[Log2Buckets.bucket(micros)]++;
                sums.merge(unit, micros, Long::sum);
            }
        }

        HistogramSnapshot snapshot() {
            HistogramSnapshot.Builder family = HistogramSnapshot.builder().name(name).help(help);
            buckets.forEach((unit, counts) -> family.dataPoint(HistogramDataPointSnapshot.builder()
                    .labels(Labels.of("unit", unit)).classicHistogramBuckets(Log2Buckets.of(counts))
                    .sum(sums.get(unit) / 1e6).build()));
            return family.build();
        }
    }
}
