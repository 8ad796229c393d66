package io.liveswap.metrics;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitDTO;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The units of the translation table as metrics, labelled {@code unit}: read from {@link TranslationTable#units()}
 * at each scrape, so they cost the call path nothing beyond what the table already counts. Counts and times are
 * since the platform started.
 *
 * <p>A new number of a unit is one line in {@link #COUNTERS} (ever-growing counts) or {@link #GAUGES} (values that
 * go up and down), reading the field of {@link UnitDTO} that holds it; a negative value means "not known" and is left
 * out.
 */
final class UnitMetrics implements MultiCollector {

    /** One number of a unit, read from its snapshot; a negative value is left out of the scrape. */
    private record UnitValue(String name, String help, ToDoubleFunction<UnitDTO> value) {
    }

    /** Per-unit counters (the text format adds {@code _total} to the name). */
    private static final List<UnitValue> COUNTERS = List.of(
            new UnitValue("liveswap_unit_calls", "Calls made through the unit's proxy (stack-scan units count none)",
                    u -> u.calls),
            new UnitValue("liveswap_unit_swaps", "Swaps of the unit that committed, planned or unplanned",
                    u -> u.swaps));

    /** Per-unit gauges. */
    private static final List<UnitValue> GAUGES = List.of(
            new UnitValue("liveswap_unit_available", "1 while the unit's proxy targets an implementation, else 0",
                    u -> u.available ? 1 : 0),
            new UnitValue("liveswap_unit_version_calls", "Calls since the unit's current version became current",
                    u -> u.versionCalls),
            new UnitValue("liveswap_unit_version_exceptions",
                    "Exceptions thrown to callers by the current version since it became current", u -> u.versionThrown),
            new UnitValue("liveswap_unit_faces", "Proxy services of the unit: more than 1 after interface changes",
                    u -> u.faces),
            new UnitValue("liveswap_unit_candidates", "Other implementations the unit could be re-pointed to",
                    u -> u.candidates == null ? 0 : u.candidates.length),
            new UnitValue("liveswap_unit_state_values", "Values in the state the last swap carried into the unit",
                    u -> u.stateValues),
            new UnitValue("liveswap_unit_instances_failed",
                    "Instances of a multi-instance unit that failed to migrate and serve on an older version",
                    u -> u.instances < 0 ? -1 : u.instancesFailed),
            new UnitValue("liveswap_unit_last_pause_seconds", "The last swap's pause: the longest a new call waited",
                    u -> seconds(u.lastPauseMicros)),
            new UnitValue("liveswap_unit_last_drain_seconds", "The last swap's wait for running calls to return",
                    u -> seconds(u.lastDrainMicros)),
            new UnitValue("liveswap_unit_last_transfer_seconds", "The last swap's state transfer",
                    u -> seconds(u.lastTransferMicros)));

    private final TranslationTable table;

    UnitMetrics(TranslationTable table) {
        this.table = table;
    }

    @Override
    public MetricSnapshots collect() {
        List<UnitDTO> units = table.units();
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        for (UnitValue counter : COUNTERS) {
            CounterSnapshot.Builder family = CounterSnapshot.builder().name(counter.name()).help(counter.help());
            for (UnitDTO unit : units) {
                double value = counter.value().applyAsDouble(unit);
                if (value >= 0) {
                    family.dataPoint(CounterDataPointSnapshot.builder().labels(labels(unit)).value(value).build());
                }
            }
            out.metricSnapshot(family.build());
        }
        for (UnitValue gauge : GAUGES) {
            GaugeSnapshot.Builder family = GaugeSnapshot.builder().name(gauge.name()).help(gauge.help());
            for (UnitDTO unit : units) {
                double value = gauge.value().applyAsDouble(unit);
                if (value >= 0) {
                    family.dataPoint(GaugeDataPointSnapshot.builder().labels(labels(unit)).value(value).build());
                }
            }
            out.metricSnapshot(family.build());
        }
        out.metricSnapshot(info(units));
        out.metricSnapshot(instances(units));
        out.metricSnapshot(pauses(units));
        return out.build();
    }

    /** {@code liveswap_unit_info{unit, version, quiescence} 1}: the version a unit serves. */
    private static InfoSnapshot info(List<UnitDTO> units) {
        InfoSnapshot.Builder family = InfoSnapshot.builder().name("liveswap_unit")
                .help("The version a unit serves (or served last, while unavailable) and its quiescence mode");
        for (UnitDTO unit : units) {
            family.dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("unit", unit.name,
                    "version", text(unit.version), "quiescence", text(unit.quiescence))).build());
        }
        return family.build();
    }

    /** Live instances of each multi-instance unit per version (several versions while instances migrate lazily). */
    private static GaugeSnapshot instances(List<UnitDTO> units) {
        GaugeSnapshot.Builder family = GaugeSnapshot.builder().name("liveswap_unit_instances")
                .help("Live instances of a multi-instance unit, per version");
        for (UnitDTO unit : units) {
            if (unit.instances >= 0 && unit.instancesByVersion != null) {
                for (Map.Entry<String, Long> version : unit.instancesByVersion.entrySet()) {
                    family.dataPoint(GaugeDataPointSnapshot.builder()
                            .labels(Labels.of("unit", unit.name, "version", version.getKey()))
                            .value(version.getValue()).build());
                }
            }
        }
        return family.build();
    }

    /**
     * Every swap's pause, from the platform's own log2 histogram ({@link UnitDTO#pauseHistogram}); the platform keeps
     * no sum of pauses, so the histogram has buckets and a count but no {@code _sum}.
     */
    private static HistogramSnapshot pauses(List<UnitDTO> units) {
        HistogramSnapshot.Builder family = HistogramSnapshot.builder().name("liveswap_unit_pause_seconds")
                .help("Pauses of the unit's swaps: from closing its gate to opening it on the new version");
        for (UnitDTO unit : units) {
            if (unit.pauseHistogram != null) {
                family.dataPoint(HistogramDataPointSnapshot.builder().labels(labels(unit))
                        .classicHistogramBuckets(Log2Buckets.of(unit.pauseHistogram)).build());
            }
        }
        return family.build();
    }

    private static Labels labels(UnitDTO unit) {
        return Labels.of("unit", unit.name);
    }

    private static double seconds(long micros) {
        return micros < 0 ? -1 : micros / 1e6;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
