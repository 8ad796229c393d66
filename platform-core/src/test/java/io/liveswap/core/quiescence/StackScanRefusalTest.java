package io.liveswap.core.quiescence;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.FutureTask;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.spi.QuiescenceMode;

/**
 * Stack scans cannot see virtual threads: on Java 21+ a stack-scan unit is refused with a message that says why and
 * what to do, unless {@code -Dliveswap.stackscan.noVirtualThreads=true} states that no virtual thread calls one (the
 * build sets it for the other tests; this one clears it while it runs). The default mode serves virtual threads.
 */
public class StackScanRefusalTest {

    public interface Greeter {
        String greet(String name);
    }

    private String saved;

    @Before
    public void clearTheOptOut() {
        saved = System.clearProperty(StackScanCallPath.NO_VIRTUAL_THREADS);
    }

    @After
    public void restoreTheOptOut() {
        if (saved != null) {
            System.setProperty(StackScanCallPath.NO_VIRTUAL_THREADS, saved);
        }
    }

    @Test
    public void whereVirtualThreadsExistAStackScanUnitIsRefusedSayingWhyAndWhatToDo() {
        if (!VirtualThreads.available()) {
            UnitProxy accepted = UnitProxy.create("greeter-scan", List.of(Greeter.class), QuiescenceMode.STACK_SCAN);
            assertTrue(accepted.gate() instanceof StackScanGate); // Java 17: no virtual threads, nothing to refuse
            return;
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> UnitProxy.create("greeter-scan", List.of(Greeter.class), QuiescenceMode.STACK_SCAN));
        String message = refused.getMessage();
        assertTrue(message, message.startsWith("Unit 'greeter-scan' asks for stack-scan quiescence"
                + " (liveswap.quiescence=stack-scan), which is refused on Java " + Runtime.version().feature()));
        assertTrue("why: " + message, message.contains("stack scans cannot see virtual threads"));
        assertTrue("remedy: " + message, message.contains("Remove the property to use the default counting mode"));
        assertTrue("opt-out: " + message, message.endsWith("start Java with"
                + " -Dliveswap.stackscan.noVirtualThreads=true"));
    }

    @Test
    public void withTheOptOutTheModeIsAccepted() {
        System.setProperty(StackScanCallPath.NO_VIRTUAL_THREADS, "true");
        UnitProxy unit = UnitProxy.create("greeter-scan", List.of(Greeter.class), QuiescenceMode.STACK_SCAN);
        assertTrue(unit.gate() instanceof StackScanGate);
    }

    @Test
    public void theDefaultModeServesAVirtualThread() throws Exception {
        org.junit.Assume.assumeTrue("virtual threads need Java 21+", VirtualThreads.available());
        UnitProxy unit = UnitProxy.create("greeter", List.of(Greeter.class), QuiescenceMode.COUNTING);
        unit.retarget((Greeter) name -> "hello " + name + (VirtualThreads.isVirtual(Thread.currentThread())
                ? " from a virtual thread" : ""));
        FutureTask<String> call = new FutureTask<>(() -> ((Greeter) unit.proxy()).greet("ada"));
        Thread thread = VirtualThreads.factory().newThread(call);
        thread.start();
        assertEquals("hello ada from a virtual thread", call.get());
    }
}
