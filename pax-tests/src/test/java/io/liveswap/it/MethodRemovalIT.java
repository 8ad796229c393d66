package io.liveswap.it;

import static io.liveswap.it.Platform.CONSUMERS;
import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;

/**
 * Method removal judged by use: process 2.0.0 serves interface 1.1 (start, hibernate, fork) to a consumer compiled
 * against 1.1; going back to 1.0.0 (interface 1.0, no fork) removes fork(). The platform reads the consumers'
 * bytecode: a consumer that never calls fork() keeps working through an adapter whose fork() throws
 * UnsupportedOperationException; one that calls it refuses the update, named down to its class and method, until
 * it stops.
 */
public class MethodRemovalIT extends PlatformTestBase {

    private static final String PROCESS = "io.liveswap.fixture.process.Process";

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

    /** Interface 1.1 served at 2.0.0, with the quiet consumer (never calls fork) using it. */
    private Bundle servingApi11() throws Exception {
        Bundle api11 = start("process-api-1-1");
        SwapReport report = mediator.update("process", Platform.location("process-v2"));
        assertTrue(report.cause, report.committed);
        start("process-quiet-consumer");
        assertEquals("activation 1: start #1 by 2.0.0, hibernate by 2.0.0", consumer("quiet").call());
        return api11;
    }

    @Test
    public void aMethodNoConsumerCallsIsRemovedLiveAndItsStubNamesTheUnitAndVersion() throws Exception {
        Callable<String> old = consumer("old");
        Bundle api11 = servingApi11();
        Callable<String> quiet = consumer("quiet");

        SwapReport back = mediator.update("process", Platform.location("process-v1"));
        assertTrue("no consumer calls fork(): " + back.cause, back.committed);
        assertEquals("1.0.0", table.unit("process").version);
        assertEquals("the quiet consumer keeps its proxy, served by 1.0.0 through an adapter, not restarted",
                "activation 1: start #2 by 1.0.0, hibernate by 1.0.0", quiet.call());
        assertEquals("activation 1: start #3 by 1.0.0, hibernate by 1.0.0", old.call());
        assertEquals("the 1.1 face stays while its consumer uses it", 2, table.unit("process").faces);

        Class<?> process11 = api11.loadClass(PROCESS);
        Object face = face11(process11);
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> process11.getMethod("fork").invoke(face));
        assertTrue(String.valueOf(thrown.getCause()), thrown.getCause() instanceof UnsupportedOperationException);
        String message = thrown.getCause().getMessage();
        assertTrue(message, message.contains("'process'") && message.contains("Process.fork()")
                && message.contains("1.0.0"));
    }

    @Test
    public void aMethodAConsumerCallsIsRefusedNamingItsClassAndMethod() throws Exception {
        Callable<String> old = consumer("old");
        servingApi11();
        Bundle newConsumer = start("process-new-consumer");
        Callable<String> fresh = consumer("new");

        SwapAbortedException refused = assertThrows(SwapAbortedException.class,
                () -> mediator.update("process", Platform.location("process-v1")));
        assertEquals(refused.getMessage(), Reason.INTERFACE_REMOVED, refused.reason());
        String message = refused.getMessage();
        assertTrue(message, message.contains(
                "io.liveswap.fixture.process.newconsumer.NewConsumer.call calls Process.fork()"));
        assertFalse("the quiet consumer calls no removed method: " + message,
                message.contains("QuietConsumer"));
        assertEquals("2.0.0", table.unit("process").version);
        assertEquals("activation 1: start #2 by 2.0.0, hibernate by 2.0.0", old.call());
        assertEquals("activation 1: start #3 by 2.0.0, fork of a process started 3 times, by 2.0.0", fresh.call());

        newConsumer.stop();
        SwapReport back = mediator.update("process", Platform.location("process-v1"));
        assertTrue("the consumers are scanned again: only the quiet one is left, " + back.cause, back.committed);
        assertEquals("activation 1: start #4 by 1.0.0, hibernate by 1.0.0", consumer("quiet").call());
    }

    /** The unit's proxy for interface 1.1 (registered by the platform, not by a fixture). */
    private Object face11(Class<?> api11) throws Exception {
        List<Object> found = new ArrayList<>();
        ServiceReference<?>[] all = context.getAllServiceReferences(PROCESS, null);
        for (ServiceReference<?> reference : all == null ? new ServiceReference<?>[0] : all) {
            if (reference.getBundle().getSymbolicName().startsWith("io.liveswap.fixture")) {
                continue;
            }
            Object service = context.getService(reference);
            if (api11.isInstance(service)) {
                found.add(service);
            }
        }
        assertEquals(found.toString(), 1, found.size());
        return found.get(0);
    }
}
