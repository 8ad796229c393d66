package io.liveswap.it;

import static io.liveswap.it.Platform.CONSUMERS;
import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.Callable;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;
import io.liveswap.updates.CheckDTO;
import io.liveswap.updates.CheckVerdict;
import io.liveswap.updates.UpdateManager;

/**
 * The dry run of an interface-changing update (the paper's Figure 1 fixtures): it names the consumers the change
 * touches, says whether the bundle resolves beside the running one, and the consumer keeps calling 1.0.0 unchanged.
 */
public class UpdateCheckInterfaceIT extends PlatformTestBase {

    @Inject
    UpdateManager updates;

    @Override
    protected Option testOptions() {
        return composite(at(UNITS, "process-api", "process-v1"), at(CONSUMERS, "process-old-consumer"));
    }

    @Test
    public void anInterfaceChangeNamesTheConsumersItTouches() throws Exception {
        Callable<String> old = oldConsumer();
        assertEquals("activation 1: start #1 by 1.0.0, hibernate by 1.0.0", old.call());
        context.installBundle(Platform.location("process-api-1-1")).start();

        CheckDTO check = updates.check(Platform.location("process-v2"));

        assertEquals(check.line, CheckVerdict.WOULD_APPLY, check.verdict);
        assertTrue(check.trial.interfaceChange);
        assertTrue(Arrays.toString(check.trial.consumers), Arrays.stream(check.trial.consumers)
                .anyMatch(c -> c.startsWith("io.liveswap.fixture.process.oldconsumer ")));
        assertTrue(check.line, check.line.contains("consumers reached through an adapter: "
                + "io.liveswap.fixture.process.oldconsumer"));
        assertEquals("1.0.0", table.unit("process").version);
        assertEquals("no face added by the trial", 1, table.unit("process").faces);
        assertEquals("the consumer still calls 1.0.0, never restarted",
                "activation 1: start #2 by 1.0.0, hibernate by 1.0.0", old.call());
    }

    @Test
    public void withoutTheNewApiBundleTheUpdateDoesNotResolve() throws Exception {
        CheckDTO check = updates.check(Platform.location("process-v2"));

        assertEquals(check.line, CheckVerdict.WOULD_ABORT, check.verdict);
        assertEquals(check.line, Reason.UNRESOLVABLE, check.reason);
        assertFalse(check.trial.resolved);
        assertTrue(check.line, check.line.contains("missing requirement"));
        assertEquals("1.0.0", table.unit("process").version);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Callable<String> oldConsumer() throws Exception {
        String filter = "(process.consumer=old)";
        Await.until("the old consumer is active", () -> references(filter).size() == 1);
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
}
