package io.liveswap.metrics;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;

public class Log2BucketsTest {

    @Test
    public void bucketsFollowThePlatformsRule() {
        assertEquals(0, Log2Buckets.bucket(0));
        assertEquals(1, Log2Buckets.bucket(1));
        assertEquals(2, Log2Buckets.bucket(2));
        assertEquals(2, Log2Buckets.bucket(3));
        assertEquals(11, Log2Buckets.bucket(1024));
        assertEquals(10, Log2Buckets.bucket(1023));
        assertEquals(22, Log2Buckets.bucket((1L << 22) - 1));
        assertEquals("2^22 µs and more: the last bucket", 23, Log2Buckets.bucket(1L << 22));
        assertEquals(23, Log2Buckets.bucket(Long.MAX_VALUE));
    }

    @Test
    public void everyDurationIsAtMostItsBucketsUpperBound() {
        long[] counts = new long[Log2Buckets.COUNT];
        ClassicHistogramBuckets buckets = Log2Buckets.of(counts);
        for (long micros : new long[] {0, 1, 2, 3, 1000, 1023, 1024, 65_535, (1L << 22) - 1}) {
            int bucket = Log2Buckets.bucket(micros);
            double bound = buckets.getUpperBound(bucket);
            double previous = bucket == 0 ? -1 : buckets.getUpperBound(bucket - 1);
            double seconds = micros / 1e6;
            assertTrue(micros + " µs <= le " + bound, seconds <= bound);
            // a duration of exactly a bound counts in the bucket above it, as the platform counts it (Log2Buckets)
            assertTrue(micros + " µs not below the bucket's lower bound " + previous, seconds >= previous);
        }
        assertEquals(Double.POSITIVE_INFINITY, buckets.getUpperBound(Log2Buckets.COUNT - 1), 0);
    }

    @Test(expected = IllegalArgumentException.class)
    public void aHistogramOfAnotherShapeIsRefused() {
        Log2Buckets.of(new long[10]);
    }
}
