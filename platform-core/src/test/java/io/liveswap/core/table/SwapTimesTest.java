package io.liveswap.core.table;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

import io.liveswap.api.UnitDTO;

/** The pause numbers of a unit's DTO: the last swap's times and the log2 histogram of pauses. */
public class SwapTimesTest {

    @Test
    public void beforeTheFirstSwapNothingIsMeasured() {
        UnitDTO dto = new UnitDTO();
        new SwapTimes().fill(dto);
        assertEquals(0, dto.swaps);
        assertEquals(-1, dto.lastPauseMicros);
        assertEquals(-1, dto.lastDrainMicros);
        assertEquals(-1, dto.lastTransferMicros);
        assertArrayEquals(new long[24], dto.pauseHistogram);
    }

    @Test
    public void theLastSwapIsKeptInMicrosecondsAndEveryPauseIsCounted() {
        SwapTimes times = new SwapTimes();
        times.record(999, 100, 200); // 0 µs
        times.record(1_000, 300, 400); // 1 µs
        times.record(3_999, 1_000, -1); // 3 µs; transfer not measured
        times.record(5_000_000_000L, 2_500_000, 7_000); // 5 s
        UnitDTO dto = new UnitDTO();
        times.fill(dto);
        assertEquals(4, dto.swaps);
        assertEquals(5_000_000, dto.lastPauseMicros);
        assertEquals(2_500, dto.lastDrainMicros);
        assertEquals(7, dto.lastTransferMicros);
        long[] expected = new long[24];
        expected[0] = 1;
        expected[1] = 1;
        expected[2] = 1;
        expected[23] = 1;
        assertArrayEquals(expected, dto.pauseHistogram);
    }

    @Test
    public void bucketsAreLog2OfMicroseconds() {
        assertEquals(0, SwapTimes.bucket(0));
        assertEquals(1, SwapTimes.bucket(1));
        assertEquals(2, SwapTimes.bucket(2));
        assertEquals(2, SwapTimes.bucket(3));
        assertEquals(3, SwapTimes.bucket(4));
        assertEquals(11, SwapTimes.bucket(1_500)); // [1024, 2048)
        assertEquals(22, SwapTimes.bucket((1L << 22) - 1));
        assertEquals(23, SwapTimes.bucket(1L << 22));
        assertEquals(23, SwapTimes.bucket(Long.MAX_VALUE));
    }
}
