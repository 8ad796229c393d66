package io.liveswap.it;

import static io.liveswap.it.Platform.CONSUMERS;
import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.util.Collection;
import java.util.concurrent.Callable;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;

/**
 * The paper's Figure 1 as an interface-changing update: process 1.0.0 on interface 1.0 (start, hibernate) is
 * replaced by 2.0.0 on interface 1.1, whose start() is new code and which adds fork(). A consumer compiled against
 * 1.0 keeps its proxy and reaches 2.0.0 through an adapter, a consumer compiled against 1.1 calls fork(), side by
 * side, neither restarted; going back to a version without fork() is refused while the new consumer uses it.
 */
public class InterfaceChangeIT extends PlatformTestBase {

    @Override
    protected Option testOptions() {
        return composite(at(UNITS, "process-api", "process-v1"), at(CONSUMERS, "process-old-consumer"));
    }

    @SuppressWarnings("unchecked")
    private Callable<String> consumer(String kind) throws Exception {
        String filter = "(process.consumer=" + kind + ")";
        Await.until("the " + kind + " consumer is active", () -> references(filter).size() == 1);
        return context.getService((ServiceReference<Callable<String>>) (ServiceReference<?>) references(filter)
                .iterator().next());
    }

    @SuppressWarnings("rawtypes")
    private Collection<ServiceReference<Callable>> references(String filter) {
        try {
            return context.getServiceReferences(Callable.class, filter);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Bundle start(String artifact) throws Exception {
        Bundle bundle = context.installBundle(Platform.location(artifact));
        bundle.start();
        return bundle;
    }

    @Test
    public void oldAndNewConsumersRunSideBySideThroughAnAdapterWithoutRestarting() throws Exception {
        Callable<String> old = consumer("old");
        assertEquals("activation 1: start #1 by 1.0.0, hibernate by 1.0.0", old.call());

        start("process-api-1-1");
        SwapReport report = mediator.update("process", Platform.location("process-v2"));
        assertTrue(report.cause, report.committed);

        assertEquals("start() is 2.0.0's new code, hibernate() forwarded, the count carried, no restart",
                "activation 1: start #2 by 2.0.0, hibernate by 2.0.0", old.call());
        start("process-new-consumer");
        Callable<String> fresh = consumer("new");
        assertEquals("activation 1: start #3 by 2.0.0, fork of a process started 3 times, by 2.0.0", fresh.call());
        assertEquals("activation 1: start #4 by 2.0.0, hibernate by 2.0.0", old.call());
        assertEquals(2, table.unit("process").faces);
        assertEquals("2.0.0", table.unit("process").version);
        String status = new Shell(processor).run("liveswap:status process");
        assertTrue(status, status.contains("2 (older interface versions served through adapters)"));
    }

    @Test
    public void goingBackToAVersionWithoutForkIsRefusedWhileANewConsumerUsesIt() throws Exception {
        Callable<String> old = consumer("old");
        start("process-api-1-1");
        assertTrue(mediator.update("process", Platform.location("process-v2")).committed);
        Bundle newConsumer = start("process-new-consumer");
        Callable<String> fresh = consumer("new");
        assertEquals("activation 1: start #1 by 2.0.0, fork of a process started 1 times, by 2.0.0", fresh.call());

        SwapAbortedException refused = assertThrows(SwapAbortedException.class,
                () -> mediator.update("process", Platform.location("process-v1")));
        assertEquals(refused.getMessage(), Reason.INTERFACE_REMOVED, refused.reason());
        assertEquals("2.0.0", table.unit("process").version);
        String message = refused.getMessage();
        assertTrue(message, message.contains("Process.fork()"));
        assertTrue(message, message.contains("io.liveswap.fixture.process.newconsumer"));
        assertTrue(message, message.contains("2.0.0 keeps serving"));
        assertEquals("activation 1: start #2 by 2.0.0, hibernate by 2.0.0", old.call());
        assertEquals("activation 1: start #3 by 2.0.0, fork of a process started 3 times, by 2.0.0", fresh.call());

        newConsumer.stop();
        SwapReport back = mediator.update("process", Platform.location("process-v1"));
        assertTrue("with no consumer of fork() left, 1.0.0 may serve again: " + back.cause, back.committed);
        assertEquals("activation 1: start #4 by 1.0.0, hibernate by 1.0.0", old.call());
        assertEquals("the 1.1 face is withdrawn", 1, table.unit("process").faces);
    }
}
