package io.liveswap.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;

/**
 * The platform's pause histogram buckets ({@link io.liveswap.api.UnitDTO#pauseHistogram}: 24 log2 buckets of
 * microseconds) as Prometheus bucket bounds in seconds: bucket 0 (under 1 µs) is {@code le} 1 µs, bucket {@code i}
 * for {@code 1 <= i <= 22} (under 2<sup>i</sup> µs) is {@code le} 2<sup>i</sup> µs, the last bucket is
 * {@code +Inf}. A duration of exactly 2<sup>i</sup> µs falls in the next bucket, as the platform counts it. Timings
 * read from the journal are counted in the same buckets, so both kinds of histogram compare.
 */
final class Log2Buckets {

    /** As many buckets as {@link io.liveswap.api.UnitDTO#pauseHistogram} has. */
    static final int COUNT = 24;

    private static final double[] UPPER_BOUNDS = new double[COUNT];

    static {
        for (int i = 0; i < COUNT - 1; i++) {
            UPPER_BOUNDS[i] = (1L << i) / 1e6;
        }
        UPPER_BOUNDS[COUNT - 1] = Double.POSITIVE_INFINITY;
    }

    private Log2Buckets() {
    }

    /** The bucket of a duration in microseconds: 0 for under 1 µs; i for [2^(i-1), 2^i) µs; the last for more. */
    static int bucket(long micros) {
        return micros <= 0 ? 0 : Math.min(COUNT - 1, 64 - Long.numberOfLeadingZeros(micros));
    }

    /**
     * @param counts per bucket, not cumulative, {@link #COUNT} of them (the platform's histogram, or one counted with
     *        {@link #bucket})
     * @return the Prometheus buckets
     */
    static ClassicHistogramBuckets of(long[] counts) {
        if (counts.length != COUNT) {
            throw new IllegalArgumentException("a log2 histogram has " + COUNT + " buckets, not " + counts.length);
        }
        return ClassicHistogramBuckets.of(UPPER_BOUNDS, counts);
    }
}
