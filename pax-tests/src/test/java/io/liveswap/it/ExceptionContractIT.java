package io.liveswap.it;

import static io.liveswap.it.Platform.CONSUMERS;
import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.Collection;
import java.util.concurrent.Callable;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.Reason;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.updates.CheckDTO;
import io.liveswap.updates.CheckVerdict;
import io.liveswap.updates.UpdateManager;

/**
 * The exception contract through an adapter: process 3.0.0 implements interface 2.0, whose {@code start()} declares
 * the checked {@code ProcessException}; a consumer compiled against 1.0 (no such exception) is wired. Without a
 * mapping the update is refused before the pause (and by the dry run) with {@link Reason#UNDECLARED_EXCEPTION}, 1.0.0
 * keeps serving; with {@code @TranslatesException} it applies and the old consumer receives the mapped unchecked
 * exception, never {@link UndeclaredThrowableException}.
 */
public class ExceptionContractIT extends PlatformTestBase {

    @Inject
    UpdateManager updates;

    @Override
    protected Option testOptions() {
        return composite(at(UNITS, "process-api", "process-v1"), at(CONSUMERS, "process-old-consumer"));
    }

    @Test
    public void anUnmappedCheckedExceptionIsRefusedBeforeThePauseAndByTheDryRun() throws Exception {
        Callable<String> old = oldConsumer();
        assertEquals("activation 1: start #1 by 1.0.0, hibernate by 1.0.0", old.call());
        context.installBundle(Platform.location("process-api-2-0")).start();

        CheckDTO check = updates.check(Platform.location("process-v3"));
        assertEquals(check.line, CheckVerdict.WOULD_ABORT, check.verdict);
        assertEquals(check.line, Reason.UNDECLARED_EXCEPTION, check.reason);

        SwapAbortedException refused = assertThrows(SwapAbortedException.class,
                () -> mediator.update("process", Platform.location("process-v3")));
        assertEquals(refused.getMessage(), Reason.UNDECLARED_EXCEPTION, refused.reason());
        String message = refused.getMessage();
        assertTrue(message, message.contains("Process.start()"));
        assertTrue(message, message.contains("io.liveswap.fixture.process.ProcessException"));
        assertTrue(message, message.contains("@TranslatesException(from = ProcessException.class"));
        assertTrue(message, message.contains("io.liveswap.fixture.process.oldconsumer"));
        assertEquals("1.0.0", table.unit("process").version);
        assertEquals("no face added", 1, table.unit("process").faces);
        assertEquals("1.0.0 kept serving, its state and the consumer untouched",
                "activation 1: start #2 by 1.0.0, hibernate by 1.0.0", old.call());
    }

    @Test
    public void aMappedCheckedExceptionReachesTheOldConsumerAsItsContractAllows() throws Exception {
        Callable<String> old = oldConsumer();
        assertEquals("activation 1: start #1 by 1.0.0, hibernate by 1.0.0", old.call());
        context.installBundle(Platform.location("process-api-2-0")).start();

        CheckDTO check = updates.check(Platform.location("process-v3-mapped"));
        assertEquals(check.line, CheckVerdict.WOULD_APPLY, check.verdict);
        SwapReport report = mediator.update("process", Platform.location("process-v3-mapped"));
        assertTrue(report.cause, report.committed);
        assertEquals("3.0.0", table.unit("process").version);

        IllegalStateException mapped = assertThrows(IllegalStateException.class, old::call);
        assertEquals("start #2 refused by 3.0.0", mapped.getMessage());
        assertEquals("io.liveswap.fixture.process.ProcessException", mapped.getCause().getClass().getName());
        assertEquals("the mapped type itself, never UndeclaredThrowableException", IllegalStateException.class,
                mapped.getClass());
        assertEquals("the count carried, the consumer never restarted",
                "activation 1: start #3 by 3.0.0, hibernate by 3.0.0", old.call());
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
