package io.liveswap.benchmarks;

import java.util.Locale;

/**
 * Durations counted in 1 µs buckets up to 1 s (longer ones in the last bucket, their maximum kept exactly): a
 * fixed-size record of millions of calls without boxing or garbage on the caller's path.
 */
final class MicrosHistogram {

    private static final int BUCKETS = 1_000_001;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long maxNanos;

    void record(long nanos) {
        counts[(int) Math.min(BUCKETS - 1, nanos / 1000)]++;
        total++;
        if (nanos > maxNanos) {
            maxNanos = nanos;
        }
    }

    void add(MicrosHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    /** The upper bound of the bucket holding the given percentile, in microseconds. */
    double micros(double percentile) {
        long rank = (long) Math.ceil(percentile / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank && seen > 0) {
                return i + 1;
            }
        }
        return 0;
    }

    String json() {
        return String.format(Locale.ROOT, "{\"count\": %d, \"p50_us\": %.0f, \"p99_us\": %.0f, \"p999_us\": %.0f,"
                + " \"max_us\": %.1f}", total, micros(50), micros(99), micros(99.9), maxNanos / 1000.0);
    }
}
