package io.liveswap.core.table;

import java.util.concurrent.TimeUnit;

import io.liveswap.api.UnitDTO;

/**
 * One unit's swap times, as the mediators report them: the last swap's pause, drain and transfer, and every pause
 * counted in fixed log2 buckets of microseconds (see {@link UnitDTO#pauseHistogram}).
 *
 * <p><b>Threading.</b> A mediator records on its own thread once a swap's gates are open; DTOs are made on any
 * thread. Both synchronise on this object, so a DTO never mixes two swaps' times.
 */
final class SwapTimes {

    /** Buckets of the pause histogram, as {@link UnitDTO#pauseHistogram} documents them. */
    static final int BUCKETS = 24;

    private long swaps;
    private long lastPauseMicros = -1;
    private long lastDrainMicros = -1;
    private long lastTransferMicros = -1;
    private final long[] histogram = new long[BUCKETS];

    /** Records one finished swap; a negative time is one that was not measured. */
    synchronized void record(long pauseNanos, long drainNanos, long transferNanos) {
        swaps++;
        lastPauseMicros = micros(pauseNanos);
        lastDrainMicros = micros(drainNanos);
        lastTransferMicros = micros(transferNanos);
        histogram[bucket(Math.max(0, lastPauseMicros))]++;
    }

    synchronized void fill(UnitDTO dto) {
        dto.swaps = swaps;
        dto.lastPauseMicros = lastPauseMicros;
        dto.lastDrainMicros = lastDrainMicros;
        dto.lastTransferMicros = lastTransferMicros;
        dto.pauseHistogram = histogram.clone();
    }

    private static long micros(long nanos) {
        return nanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMicros(nanos);
    }

    /** 0 for under 1 µs; i for [2^(i-1), 2^i) µs; the last bucket for everything longer. */
    static int bucket(long micros) {
        return micros <= 0 ? 0 : Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(micros));
    }
}
