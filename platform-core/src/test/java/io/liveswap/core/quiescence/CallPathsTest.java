package io.liveswap.core.quiescence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

import io.liveswap.spi.QuiescenceMode;

/** The registry of quiescence modes: a mode without a call path would only fail when a unit asks for it. */
public class CallPathsTest {

    @Test
    public void everyModeHasItsOwnCallPath() {
        for (QuiescenceMode mode : QuiescenceMode.values()) {
            assertEquals(mode, CallPaths.of(mode).mode());
        }
    }

    @Test
    public void eachModeMakesItsGate() {
        ProxySite site = new ProxySite() {
            @Override
            public Object target() {
                return null;
            }

            @Override
            public String proxyClassName() {
                return "liveswap.proxy.Unit$test$0";
            }
        };
        assertTrue(CallPaths.of(QuiescenceMode.COUNTING).gate("test", site) instanceof CountingGate);
        assertTrue(CallPaths.of(QuiescenceMode.COUNTING).servesInstances());
        assertFalse(CallPaths.of(QuiescenceMode.STACK_SCAN).servesInstances());
        if (Runtime.version().feature() >= 21 && !Boolean.getBoolean("liveswap.stackscan.noVirtualThreads")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> CallPaths.of(QuiescenceMode.STACK_SCAN).gate("test", site));
            assertTrue(refused.getMessage(), refused.getMessage().contains("virtual threads"));
        } else {
            assertTrue(CallPaths.of(QuiescenceMode.STACK_SCAN).gate("test", site) instanceof StackScanGate);
        }
    }
}
