package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;
import io.liveswap.fixture.counter.Counter;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;

/**
 * All-or-nothing swaps of several units ({@code counter}, counting mode, and {@code counter-scan}, stack-scan mode):
 * a failure at the second unit's re-point (injected through the mediators' test-only system property
 * {@value #FAULT}) leaves both units on their old versions with their state, and the same swap commits afterwards.
 */
public class GroupSwapIT extends PlatformTestBase {

    /** The mediators' test-only fault injection: the unit whose re-point throws. */
    static final String FAULT = "liveswap.test.fault.repoint";

    @Override
    protected Option testOptions() {
        return at(UNITS, "counter-api", "counter-impl", "counter-v2", "counter-scan",
                "counter-scan-v2");
    }

    @Test
    public void aFailureAtTheStackScanUnitsRepointLeavesBothOnTheirOldVersions() throws Exception {
        failAtSecondRepoint("counter", "counter-scan");
    }

    @Test
    public void aFailureAtTheCountingUnitsRepointLeavesBothOnTheirOldVersions() throws Exception {
        failAtSecondRepoint("counter-scan", "counter");
    }

    private void failAtSecondRepoint(String first, String second) throws Exception {
        Counter one = Platform.proxy(context, Counter.class, first);
        Counter two = Platform.proxy(context, Counter.class, second);
        for (int i = 0; i < 3; i++) {
            one.increment();
        }
        for (int i = 0; i < 7; i++) {
            two.increment();
        }
        Map<String, ServiceReference<?>> moves = new LinkedHashMap<>(); // re-pointed in this order
        moves.put(first, candidate(first));
        moves.put(second, candidate(second));

        System.setProperty(FAULT, second);
        SwapAbortedException aborted;
        try {
            aborted = assertThrows(SwapAbortedException.class, () -> mediator.swapTogether(moves));
        } finally {
            System.clearProperty(FAULT);
        }
        assertEquals(aborted.getMessage(), Reason.REPOINT_FAILED, aborted.reason());
        assertTrue(aborted.getMessage(), aborted.getMessage().contains("injected")
                && aborted.getMessage().contains("keep serving with unchanged state"));
        assertEquals("1.0.0", one.version());
        assertEquals("1.0.0", two.version());
        assertEquals("the first unit's old version serves with its state", 4, one.increment());
        assertEquals("the second unit's old version serves with its state", 8, two.increment());

        SwapReport report = mediator.swapTogether(moves);
        assertTrue(report.committed);
        assertEquals("2.0.0", one.version());
        assertEquals("2.0.0", two.version());
        assertEquals(5, one.increment());
        assertEquals(9, two.increment());
    }

    private ServiceReference<?> candidate(String unit) {
        Await.until(unit + " has a candidate", () -> !controls.control(unit).candidates().isEmpty());
        return controls.control(unit).candidates().iterator().next();
    }
}
