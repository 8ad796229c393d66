package io.liveswap.updates.journal;

import io.liveswap.mediator.SwapReport;

/**
 * The pause of a swap as numbers, in microseconds: from closing the gate to opening it, the drain inside it, and the
 * state transfer inside it. {@code -1} where not measured (records of no swap, and records written before the
 * journal held them).
 */
public record Timings(long pauseMicros, long drainMicros, long transferMicros) {

    /** No swap was measured. */
    public static final Timings NONE = new Timings(-1, -1, -1);

    /** @return the timings of a swap report, or {@link #NONE} without one or when it never paused the unit */
    public static Timings of(SwapReport report) {
        return report == null || !report.committed && report.pauseNanos == 0 ? NONE
                : new Timings(report.pauseNanos / 1000, report.drainNanos / 1000, report.transferNanos / 1000);
    }

    /** @return whether these were measured */
    public boolean measured() {
        return pauseMicros >= 0;
    }
}
