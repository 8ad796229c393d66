package io.liveswap.it;

import static io.liveswap.it.Platform.CONSUMERS;
import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitConstants;
import io.liveswap.api.UnitUnavailableException;
import io.liveswap.fixture.greeter.Greeter;
import io.liveswap.fixture.greeter.probe.GreeterClient;

/**
 * The translation table in a real Felix with real SCR: a plain DS consumer ({@code greeter-consumer}, static
 * mandatory reference) of the {@code greeter} unit, implemented first by {@code greeter-hello} 1.0.0 and then by
 * {@code greeter-bonjour} 2.0.0 installed as a second bundle.
 */
public class TranslationTableIT extends PlatformTestBase {

    @Override
    protected Option testOptions() {
        return composite(at(UNITS, "greeter-api", "greeter-hello"), at(CONSUMERS, "greeter-consumer"));
    }

    @Test
    public void consumerHoldsTheProxyAndFollowsARepointWithoutBeingRebound() throws Exception {
        GreeterClient client = service(GreeterClient.class);
        Greeter held = client.heldGreeter();
        assertTrue("consumer holds a generated proxy, not " + held.getClass(),
                held.getClass().getName().startsWith("liveswap.proxy."));
        assertEquals("Hello, Ada", client.greetVia("Ada"));
        int activations = client.activations();

        Bundle bonjour = installAndStart("greeter-bonjour");
        Await.until("greeter-bonjour is a candidate", () -> table.unit("greeter").candidates.length == 1);
        table.repoint("greeter", rawImplementationOf(bonjour));

        assertSame("the consumer still holds the same proxy object", held, client.heldGreeter());
        assertEquals("Bonjour, Ada", client.greetVia("Ada"));
        assertEquals("never re-activated", activations, client.activations());
        assertEquals("never deactivated", 0, client.deactivations());
        assertEquals("2.0.0", proxyReference().getProperty(UnitConstants.VERSION));
        assertEquals(bonjour.getBundleId(), table.unit("greeter").implementationBundleId);
    }

    @Test
    public void rawImplementationsAreHiddenFromEveryOtherBundle() throws Exception {
        List<ServiceEvent> seen = new CopyOnWriteArrayList<>();
        ServiceListener listener = seen::add;
        context.addServiceListener(listener, "(objectClass=" + Greeter.class.getName() + ")");
        try {
            Bundle bonjour = installAndStart("greeter-bonjour");
            Await.until("greeter-bonjour is a candidate", () -> table.unit("greeter").candidates.length == 1);

            Collection<ServiceReference<Greeter>> visible = context.getServiceReferences(Greeter.class, null);
            assertEquals("only the proxy is visible: " + visible, 1, visible.size());
            assertEquals(Boolean.TRUE, visible.iterator().next().getProperty(UnitConstants.PROXY));
            ServiceReference<?>[] all = context.getAllServiceReferences(null, "(" + UnitConstants.UNIT + "=*)");
            assertEquals(1, all.length);

            Bundle consumer = bundle("io.liveswap.fixture.greeter.consumer");
            ServiceReference<?>[] seenByConsumer = consumer.getBundleContext()
                    .getServiceReferences(Greeter.class.getName(), null);
            assertEquals(1, seenByConsumer.length);
            assertEquals(Boolean.TRUE, seenByConsumer[0].getProperty(UnitConstants.PROXY));

            assertTrue("no event announced a raw implementation: " + seen,
                    seen.stream().allMatch(e -> e.getServiceReference().getProperty(UnitConstants.PROXY) != null));
            assertTrue("the owner still sees its own service", bonjour.getRegisteredServices().length == 1);
        } finally {
            context.removeServiceListener(listener);
        }
    }

    @Test
    public void stoppingTheCurrentImplementationFallsBackThenFailsFastThenRecovers() throws Exception {
        GreeterClient client = service(GreeterClient.class);
        Bundle hello = bundle("io.liveswap.fixture.greeter.hello");
        Bundle bonjour = installAndStart("greeter-bonjour");
        Await.until("greeter-bonjour is a candidate", () -> table.unit("greeter").candidates.length == 1);
        table.repoint("greeter", rawImplementationOf(bonjour));
        assertEquals("Bonjour, Ada", client.greetVia("Ada"));

        bonjour.stop();
        assertEquals("falls back to the remaining implementation", "Hello, Ada", client.greetVia("Ada"));
        assertEquals("1.0.0", table.unit("greeter").version);

        hello.stop();
        UnitUnavailableException unavailable = assertThrows(UnitUnavailableException.class,
                () -> client.greetVia("Ada"));
        assertEquals("greeter", unavailable.unit());
        assertTrue(unavailable.getMessage(), unavailable.getMessage().contains("Start or install"));
        assertTrue(!table.unit("greeter").available);

        hello.start();
        Await.until("hello serves again", () -> table.unit("greeter").available);
        assertEquals("Hello, Ada", client.greetVia("Ada"));
        assertEquals("the consumer lived through all of it", 0, client.deactivations());
    }

    @Test
    public void repointRefusesUnknownUnitsAndForeignServices() throws Exception {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> table.repoint("nosuch", proxyReference()));
        assertTrue(unknown.getMessage(), unknown.getMessage().contains("Unknown unit 'nosuch'. Known units: greeter"));
        IllegalArgumentException notAnImpl = assertThrows(IllegalArgumentException.class,
                () -> table.repoint("greeter", context.getServiceReference(TranslationTable.class)));
        assertTrue(notAnImpl.getMessage(), notAnImpl.getMessage().contains("not 'greeter'"));
    }

    @Test
    public void proxyKeepsIdentitySemanticsAcrossRepoints() throws Exception {
        Greeter proxy = context.getService(proxyReference());
        int hash = proxy.hashCode();
        Bundle bonjour = installAndStart("greeter-bonjour");
        Await.until("greeter-bonjour is a candidate", () -> table.unit("greeter").candidates.length == 1);
        table.repoint("greeter", rawImplementationOf(bonjour));
        assertEquals(hash, proxy.hashCode());
        assertTrue(proxy.equals(proxy));
        assertNotEquals(proxy, new Object());
        assertTrue(proxy.toString(), proxy.toString().contains("unit=greeter")
                && proxy.toString().contains("BonjourGreeter"));
    }

    @Test
    public void shellListsUnits() throws Exception {
        String out = shell("liveswap:units");
        assertTrue(out, out.contains("UNIT"));
        String line = Arrays.stream(out.split("\\R")).filter(l -> l.startsWith("greeter")).findFirst()
                .orElseThrow(() -> new AssertionError(out));
        assertArrayEquals(new String[] {"greeter", "1.0.0", "serving", "io.liveswap.fixture.greeter.hello"},
                Arrays.copyOf(line.split("\\s+"), 4));
        GreeterClient client = service(GreeterClient.class);
        for (int i = 0; i < 5; i++) {
            client.greetVia("Ada");
        }
        String status = shell("liveswap:status greeter");
        assertTrue(status, status.contains("quiescence") && status.contains("counting"));
        assertTrue(status, Arrays.stream(status.split("\\R")).anyMatch(l -> l.startsWith("calls")
                && Long.parseLong(l.substring(5).trim()) >= 5));
    }

    private String shell(String command) throws Exception {
        return new Shell(service(CommandProcessor.class)).run(command);
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        if (service == null) {
            throw new AssertionError("No " + type.getName() + " service within 10 s");
        }
        return service;
    }

    private ServiceReference<Greeter> proxyReference() {
        ServiceReference<Greeter> reference = context.getServiceReference(Greeter.class);
        assertEquals(Boolean.TRUE, reference.getProperty(UnitConstants.PROXY));
        return reference;
    }

    private Bundle installAndStart(String artifact) throws Exception {
        Bundle bundle = context.installBundle(Platform.location(artifact));
        bundle.start();
        return bundle;
    }

    private Bundle bundle(String symbolicName) {
        List<Bundle> matches = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                matches.add(b);
            }
        }
        assertEquals(symbolicName, 1, matches.size());
        return matches.get(0);
    }

    /** An implementation bundle sees its own raw service, even though every other bundle is shown the proxy. */
    private static ServiceReference<?> rawImplementationOf(Bundle bundle) {
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        assertEquals(1, registered.length);
        return registered[0];
    }
}
