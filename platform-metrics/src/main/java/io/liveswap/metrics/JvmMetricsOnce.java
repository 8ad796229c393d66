package io.liveswap.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The Prometheus Java client's JVM metrics, registered once for the life of this bundle's classes. Once per
 * activation would leak: {@code JvmMetrics} keeps every registry it ever filled, and the garbage-collection listeners
 * it adds to the JVM's beans, for good. The registry is created on first use; reading it is thread safe.
 */
final class JvmMetricsOnce {

    private static final class Holder {
        static final PrometheusRegistry JVM = new PrometheusRegistry();

        static {
            JvmMetrics.builder().register(JVM);
        }
    }

    private JvmMetricsOnce() {
    }

    /** @return a collector of the JVM's metrics, to register in a component's own registry */
    static MultiCollector collector() {
        return () -> Holder.JVM.scrape();
    }
}
