package io.liveswap.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a set of durations in nanoseconds, reported in microseconds. */
final class Distribution {

    private final long[] sorted;

    Distribution(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    double micros(double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    String json() {
        return String.format(Locale.ROOT, "{\"count\": %d, \"p50_us\": %.1f, \"p99_us\": %.1f, \"max_us\": %.1f}",
                count(), micros(50), micros(99), micros(100));
    }
}
