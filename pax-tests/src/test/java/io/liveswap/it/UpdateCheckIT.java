package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

import io.liveswap.api.Reason;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.fixture.counter.Counter;
import io.liveswap.updates.CheckDTO;
import io.liveswap.updates.CheckVerdict;
import io.liveswap.updates.UpdateManager;

/**
 * The dry run ({@code UpdateManager.check}, {@code liveswap:check}): each verdict on the real framework, and that a
 * check changes nothing: the unit keeps its version and every value, the journal gets no record, no bundle stays
 * installed.
 */
public class UpdateCheckIT extends PlatformTestBase {

    @Inject
    Notebook notebook;

    @Inject
    UpdateManager updates;

    @Override
    protected Option testOptions() {
        return at(UNITS, "demo-api", "demo-notebook-v1", "counter-api", "counter-impl");
    }

    @Test
    public void aGoodUpdateWouldApplyAndNothingChanges() throws Exception {
        List<String> written = write(200);
        Set<String> bundlesBefore = bundles();
        int recordsBefore = updates.history(null).size();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger added = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!stop.get()) {
                notebook.add("during the check " + added.get());
                added.incrementAndGet();
            }
        });
        writer.start();
        CheckDTO check;
        try {
            check = updates.check(Platform.location("demo-notebook-v2"));
        } finally {
            stop.set(true);
            writer.join();
        }

        assertEquals(check.line, CheckVerdict.WOULD_APPLY, check.verdict);
        assertEquals(Reason.NONE, check.reason);
        assertEquals("1.0.0", check.from);
        assertEquals("2.0.0", check.to);
        assertEquals("no trust store in this framework", "NOT_CHECKED", check.signature);
        assertTrue(check.line, check.line.startsWith("WOULD_APPLY notebook 1.0.0 -> 2.0.0: resolves beside 1.0.0"));
        assertTrue(check.trial.passed);
        assertTrue(check.trial.resolved);
        assertTrue(check.trial.registered);
        assertFalse(check.trial.interfaceChange);
        assertEquals("no transformer: the fields are carried automatically", 0, check.trial.transformers.length);
        assertTrue(check.trial.automatic);
        assertTrue(check.line, check.line.contains("state carried automatically"));
        assertTrue(check.trial.stateful);
        assertTrue(check.trial.imported);
        assertTrue("every note carried: " + check.trial.stateValues, check.trial.stateValues > 200);
        assertTrue(check.trial.pauseNanos > 0 && check.trial.pauseNanos < check.trial.totalNanos);
        assertTrue("the fields go back down too", check.revertWithState);
        assertEquals(Reason.NONE, check.trial.downgradeReason);

        assertEquals("the unit still runs 1.0.0", "1.0.0", table.unit("notebook").version);
        assertEquals("every note kept, also those written during the check", 200 + added.get(), notebook.size());
        assertEquals(written, notebook.latest(200 + added.get()).subList(0, 200));
        assertEquals("no journal record", recordsBefore, updates.history(null).size());
        assertEquals("no bundle left installed", bundlesBefore, bundles());

        assertEquals("the real update still applies", "COMMITTED",
                updates.apply(Platform.location("demo-notebook-v2")).kind);
        assertEquals(200 + added.get(), notebook.size());
    }

    @Test
    public void anOutOfOrderUpdateWouldWaitForTheMissingVersion() throws Exception {
        write(3);
        int recordsBefore = updates.history(null).size();
        CheckDTO check = updates.check(Platform.location("demo-notebook-v2-1"));

        assertEquals(check.line, CheckVerdict.WOULD_WAIT, check.verdict);
        assertEquals(Reason.GAP, check.reason);
        assertEquals("2.0.0", check.waitsFor);
        assertNull("not tried", check.trial);
        assertTrue(check.line, check.line.startsWith("WOULD_WAIT [GAP] notebook 1.0.0 -> 2.1.0: waits for version"
                + " 2.0.0"));
        assertTrue("not held as pending", updates.pending().isEmpty());
        assertEquals(recordsBefore, updates.history(null).size());
    }

    @Test
    public void refusedUpdatesSayTheirCode() throws Exception {
        Set<String> bundlesBefore = bundles();
        int recordsBefore = updates.history(null).size();
        Map<String, Reason> refused = Map.of(
                UpdateJars.headersOnly("unknown.jar", "nosuch", "2.0.0", "1.0.0").toString(), Reason.UNKNOWN_UNIT,
                UpdateJars.headersOnly("stale.jar", "notebook", "2.0.0", "0.9.0").toString(), Reason.STALE_BASE,
                UpdateJars.headersOnly("down.jar", "notebook", "1.0.0", "2.0.0").toString(),
                Reason.CONTRADICTORY_HEADERS);
        refused.forEach((file, reason) -> {
            CheckDTO check = updates.check(file);
            assertEquals(check.line, CheckVerdict.WOULD_REFUSE, check.verdict);
            assertEquals(check.line, reason, check.reason);
            assertTrue(check.line, check.line.startsWith("WOULD_REFUSE [" + reason + "]"));
            assertNull(check.trial);
        });

        CheckDTO unresolvable = updates.check(UpdateJars.headersOnly("unresolvable.jar", "notebook", "2.0.0",
                "1.0.0", Map.of("Import-Package", "com.example.nowhere")).toString());
        assertEquals(unresolvable.line, CheckVerdict.WOULD_ABORT, unresolvable.verdict);
        assertEquals(Reason.UNRESOLVABLE, unresolvable.reason);
        assertFalse("does not resolve beside the running one", unresolvable.trial.resolved);
        assertTrue(unresolvable.line, unresolvable.line.contains("com.example.nowhere"));

        assertEquals(recordsBefore, updates.history(null).size());
        assertEquals("no bundle left installed", bundlesBefore, bundles());
        assertEquals("1.0.0", table.unit("notebook").version);
    }

    @Test
    public void theBrokenVersionWouldAbortWithImportFailed() throws Exception {
        write(5);
        assertEquals("COMMITTED", updates.apply(Platform.location("demo-notebook-v2")).kind);
        assertEquals("COMMITTED", updates.apply(Platform.location("demo-notebook-v2-1")).kind);
        List<String> notes = notebook.latest(5);
        Set<String> bundlesBefore = bundles();
        int recordsBefore = updates.history(null).size();

        CheckDTO check = updates.check(Platform.location("demo-notebook-v3-broken"));

        assertEquals(check.line, CheckVerdict.WOULD_ABORT, check.verdict);
        assertEquals(check.line, Reason.IMPORT_FAILED, check.reason);
        assertTrue(check.line, check.line.startsWith("WOULD_ABORT [IMPORT_FAILED] notebook 2.1.0 -> 3.0.0: "));
        assertTrue(check.trial.registered);
        assertTrue(check.trial.stateful);
        assertFalse(check.trial.imported);
        assertEquals("2.1.0", table.unit("notebook").version);
        assertEquals(notes, notebook.latest(5));
        assertEquals(recordsBefore, updates.history(null).size());
        assertEquals("no bundle left installed", bundlesBefore, bundles());
    }

    @Test
    public void anUpdateWithoutADownwardTransformerSaysThereIsNoAutomaticRevert() throws Exception {
        Counter counter = Platform.proxy(context, Counter.class, "counter");
        for (int i = 0; i < 5; i++) {
            counter.increment();
        }
        CheckDTO check = updates.check(Platform.location("counter-oneway"));

        assertEquals(check.line, CheckVerdict.WOULD_APPLY, check.verdict);
        assertFalse(check.revertWithState);
        assertFalse(check.trial.downgradable);
        assertEquals(Reason.NO_DOWNWARD_TRANSFORMER, check.trial.downgradeReason);
        assertTrue(check.line, check.line.contains("no automatic revert with state: version 2.0.0 has no downward"
                + " transformer to 1.0.0"));
        assertEquals("1.0.0", table.unit("counter").version);
        assertEquals("1.0.0 keeps its count", 6, counter.increment());
    }

    @Test
    public void theShellPrintsTheOneLineVerdictFirst() throws Exception {
        write(2);
        Shell shell = new Shell(processor);
        String good = shell.run("liveswap:check " + Platform.location("demo-notebook-v2"));
        String[] lines = good.split("\\R");
        assertTrue(good, lines[0].startsWith("WOULD_APPLY notebook 1.0.0 -> 2.0.0: "));
        assertTrue(good, Arrays.stream(lines).anyMatch(l -> l.matches("\\s+state\\s+\\d+ values imported.*")));
        assertTrue(good, Arrays.stream(lines).anyMatch(l -> l.matches("\\s+revert\\s+a rollback to 1.0.0 carries"
                + " the state back.*")));

        String waiting = shell.run("liveswap:check " + Platform.location("demo-notebook-v2-1"));
        assertTrue(waiting, waiting.startsWith("WOULD_WAIT [GAP] notebook 1.0.0 -> 2.1.0: waits for version 2.0.0"));

        String none = shell.run("liveswap:check /no/such/file.jar");
        assertTrue(none, none.startsWith("liveswap:check takes the path of an update bundle jar"));
        assertEquals(none, 1, none.strip().lines().count());
        String two = shell.run("liveswap:check a.jar b.jar");
        assertEquals(two, 1, two.strip().lines().count());
        assertTrue(two, two.contains("liveswap:check <jar>"));
        assertEquals("1.0.0", table.unit("notebook").version);
    }

    private List<String> write(int notes) {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < notes; i++) {
            written.add("note " + i);
            notebook.add("note " + i);
        }
        return written;
    }

    /** Every installed bundle: id, symbolic name, location. */
    private Set<String> bundles() {
        return Arrays.stream(context.getBundles()).map((Bundle b) -> b.getBundleId() + " " + b.getSymbolicName()
                + " " + b.getLocation()).collect(Collectors.toSet());
    }
}
