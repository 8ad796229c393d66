package io.liveswap.metrics;

import io.liveswap.updates.UpdateManager;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Updates as metrics: the journal's outcomes, codes and timings ({@link JournalTally}), and the number of pending
 * updates ({@link PendingCount}) and the units on probation, read from the {@link UpdateManager} at each scrape.
 */
final class UpdateMetrics implements MultiCollector {

    private final UpdateManager updates;
    private final PendingCount pending;

    UpdateMetrics(UpdateManager updates, PendingCount pending) {
        this.updates = updates;
        this.pending = pending;
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder out = MetricSnapshots.builder();
        JournalTally.of(updates.history(null)).snapshots().forEach(out::metricSnapshot);
        GaugeSnapshot.Builder waiting = GaugeSnapshot.builder().name("liveswap_updates_pending")
                .help("Updates waiting for the version they replace");
        int count = pending.count();
        if (count >= 0) {
            waiting.dataPoint(GaugeDataPointSnapshot.builder().value(count).build());
        }
        out.metricSnapshot(waiting.build());
        // probation: one point per unit on probation, its remaining seconds (probations() never waits for updates)
        GaugeSnapshot.Builder probation = GaugeSnapshot.builder().name("liveswap_unit_probation_remaining_seconds")
                .help("Seconds until the unit's update on probation is accepted; absent when not on probation");
        long now = System.currentTimeMillis();
        for (io.liveswap.updates.ProbationDTO p : updates.probations()) {
            probation.dataPoint(GaugeDataPointSnapshot.builder().labels(io.prometheus.metrics.model.snapshots.Labels
                    .of("unit", p.unit, "version", p.to)).value(Math.max(0, p.until - now) / 1000.0).build());
        }
        return out.metricSnapshot(probation.build()).build();
    }
}
