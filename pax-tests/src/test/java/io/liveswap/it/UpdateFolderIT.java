package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

import io.liveswap.api.Reason;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * The watched folder and the shell, for real: FileInstall watches a fresh folder, the demo notebook 1.0.0 runs, and
 * the test drops the demo's update bundles (2.0.0 data-structure change, 2.1.0 code-only change, 3.0.0 broken) the
 * way an operator would, and drives {@code liveswap:} commands through Gogo.
 */
public class UpdateFolderIT extends PlatformTestBase {

    @Inject
    Notebook notebook;

    @Inject
    UpdateManager updates;

    @Inject
    io.liveswap.updates.DeployFolder deployFolder;

    private Path folder;
    private DeployFolder watched;

    @Override
    protected Option testOptions() {
        return at(UNITS, "demo-api", "demo-notebook-v1");
    }

    @Before
    public void watchAFreshFolder() throws Exception {
        watched = DeployFolder.watch(configAdmin);
        folder = watched.path();
    }

    @After
    public void stopWatching() throws Exception {
        watched.close();
    }

    @Test
    public void updatesDroppedInOrderApplyAndKeepEveryNote() throws Exception {
        List<String> written = write(20);
        drop("demo-notebook-v2", "notebook-2.0.0.jar");
        awaitVersion("2.0.0");
        drop("demo-notebook-v2-1", "notebook-2.1.0.jar");
        awaitVersion("2.1.0");
        assertEquals(20, notebook.size());
        assertEquals("#20 " + written.get(19), notebook.latest(1).get(0));
        Await.until("both updates are journaled", () -> count(shellQuietly("liveswap:history"), "COMMITTED") == 2);
        for (UpdateRecordDTO committed : updates.history("notebook")) {
            if (committed.kind.equals("COMMITTED")) {
                assertTrue("the pause as numbers: " + committed, committed.pauseMicros > 0
                        && committed.drainMicros >= 0 && committed.transferMicros >= 0
                        && committed.drainMicros + committed.transferMicros <= committed.pauseMicros);
                assertEquals(Reason.NONE, committed.reason);
            }
        }
    }

    @Test
    public void updatesDroppedOutOfOrderWaitAndThenApplyInOrder() throws Exception {
        write(5);
        drop("demo-notebook-v2-1", "notebook-2.1.0.jar");
        Await.until("2.1.0 is pending", () -> shellQuietly("liveswap:pending").contains("waits for version 2.0.0"));
        assertEquals("1.0.0", table.unit("notebook").version);
        drop("demo-notebook-v2", "notebook-2.0.0.jar");
        awaitVersion("2.1.0");
        assertEquals(5, notebook.size());
        assertTrue(shell("liveswap:pending"), !shell("liveswap:pending").contains("notebook"));
    }

    /** One refusal or abort: the file, and the kind and code of its outcome. */
    private record Row(String file, String kind, Reason reason) {
    }

    @Test
    public void refusalsCarryTheirCodeAndChangeNothing() throws Exception {
        write(3);
        List<Row> atOne = List.of(
                new Row(jar("unknown.jar", "nosuch", "2.0.0", "1.0.0"), "REFUSED", Reason.UNKNOWN_UNIT),
                new Row(garbage("random.jar"), "REFUSED", Reason.INCOMPLETE),
                new Row(folder.resolve("missing.jar").toString(), "REFUSED", Reason.UNREADABLE),
                new Row(jar("gap.jar", "notebook", "2.0.0", "0.9.0"), "REFUSED", Reason.STALE_BASE),
                new Row(UpdateJars.headersOnly("down.jar", "notebook", "1.0.0", "2.0.0").toString(), "REFUSED",
                        Reason.CONTRADICTORY_HEADERS),
                new Row(UpdateJars.headersOnly("unresolvable.jar", "notebook", "2.0.0", "1.0.0",
                        java.util.Map.of("Import-Package", "com.example.nowhere")).toString(), "ABORTED",
                        Reason.UNRESOLVABLE),
                new Row(jar("empty-bundle.jar", "notebook", "2.0.0", "1.0.0"), "ABORTED", Reason.NOT_REGISTERED));
        for (Row row : atOne) {
            assertOutcome(row, updates.apply(row.file()), "1.0.0");
        }
        assertTrue(updates.apply(Platform.location("demo-notebook-v2")).kind.equals("COMMITTED"));
        List<Row> atTwo = List.of(
                new Row(Platform.location("demo-notebook-v2"), "REFUSED", Reason.DUPLICATE),
                new Row(jar("old.jar", "notebook", "1.5.0", "1.0.0"), "REFUSED", Reason.DOWNGRADE),
                new Row(jar("far.jar", "notebook", "9.0.0", "8.0.0"), "PENDING", Reason.GAP));
        for (Row row : atTwo) {
            assertOutcome(row, updates.apply(row.file()), "2.0.0");
        }
        assertEquals(3, notebook.size());
        List<UpdateRecordDTO> journaled = updates.history("notebook");
        assertEquals("the journal keeps the codes", List.of(Reason.DUPLICATE, Reason.DOWNGRADE, Reason.GAP),
                journaled.subList(journaled.size() - 3, journaled.size()).stream().map(r -> r.reason).toList());
    }

    @Test
    public void theShellShowsTheCodeAndTheCause() throws Exception {
        String unknown = shell("liveswap:apply " + jar("unknown.jar", "nosuch", "2.0.0", "1.0.0"));
        assertTrue(unknown, unknown.startsWith("REFUSED [UNKNOWN_UNIT] "));
        assertTrue("the message names the known units: " + unknown, unknown.contains("(known units: notebook)"));
        assertEquals("one line: " + unknown, 1, unknown.strip().lines().count());
        String unresolvable = shell("liveswap:apply " + UpdateJars.headersOnly("unresolvable.jar", "notebook",
                "2.0.0", "1.0.0", java.util.Map.of("Import-Package", "com.example.nowhere")));
        assertTrue(unresolvable, unresolvable.startsWith("ABORTED [UNRESOLVABLE] "));
        assertTrue("the message names what is missing: " + unresolvable,
                unresolvable.contains("com.example.nowhere") && unresolvable.contains("keeps serving"));
        String history = shell("liveswap:history notebook");
        assertTrue(history, history.contains("REASON") && history.contains("UNRESOLVABLE"));
        assertEquals("1.0.0", table.unit("notebook").version);
    }

    private void assertOutcome(Row row, UpdateRecordDTO outcome, String version) {
        assertEquals(row.file() + ": " + outcome.message, row.kind(), outcome.kind);
        assertEquals(row.file() + ": " + outcome.message, row.reason(), outcome.reason);
        assertEquals("the unit keeps its version after " + row.reason(), version, table.unit("notebook").version);
    }

    @Test
    public void theBrokenVersionAbortsAndTheRunningOneKeepsItsNotes() throws Exception {
        write(7);
        drop("demo-notebook-v2", "notebook-2.0.0.jar");
        drop("demo-notebook-v2-1", "notebook-2.1.0.jar");
        awaitVersion("2.1.0");
        drop("demo-notebook-v3-broken", "notebook-3.0.0.jar");
        Await.until("3.0.0 is aborted", () -> updates.history("notebook").stream()
                .anyMatch(r -> r.kind.equals("ABORTED")));
        UpdateRecordDTO aborted = updates.history("notebook").stream().filter(r -> r.kind.equals("ABORTED"))
                .findFirst().orElseThrow();
        assertEquals(aborted.message, Reason.IMPORT_FAILED, aborted.reason);
        assertTrue("the pause of the aborted swap is journaled: " + aborted.pauseMicros, aborted.pauseMicros > 0);
        String history = shell("liveswap:history");
        assertTrue(history, history.contains("cannot read the notebook's state (on purpose)"));
        assertEquals("2.1.0", table.unit("notebook").version);
        assertEquals(7, notebook.size());
        assertEquals(8, notebook.add("still serving"));
    }

    @Test
    public void aHalfWrittenJarIsNotAppliedUntilItIsComplete() throws Exception {
        write(4);
        byte[] whole = Files.readAllBytes(Path.of(URI.create(Platform.location("demo-notebook-v2"))));
        Path target = folder.resolve("notebook-2.0.0.jar");
        Files.write(target, Arrays.copyOf(whole, whole.length / 2));
        Await.until("the half-written jar is waited for", () -> deployFolder.entries().stream()
                .anyMatch(e -> e.file.equals(target.toString()) && e.reason == Reason.INCOMPLETE));
        assertEquals("1.0.0", table.unit("notebook").version);
        assertTrue("waited for without a journal record", updates.history(null).stream()
                .noneMatch(r -> r.reason == Reason.INCOMPLETE));
        Files.write(target, whole); // the copy completes: FileInstall reports a change
        awaitVersion("2.0.0");
        assertEquals(4, notebook.size());
    }

    @Test
    public void deletingTheNewestUpdateRollsBackWithTheState() throws Exception {
        drop("demo-notebook-v2", "notebook-2.0.0.jar");
        awaitVersion("2.0.0");
        List<String> written = write(6);
        Files.delete(folder.resolve("notebook-2.0.0.jar"));
        awaitVersion("1.0.0");
        assertEquals("every note came back down through the transformer", written, notebook.latest(6));
        Await.until("the rollback is journaled", () -> shellQuietly("liveswap:history").contains("ROLLED_BACK"));
    }

    @Test
    public void rollbackOnCommandAndItsRefusal() throws Exception {
        String nothing = shell("liveswap:rollback notebook");
        assertTrue(nothing, nothing.startsWith("REFUSED [NOTHING_TO_ROLL_BACK] notebook"));
        assertEquals(Reason.NOTHING_TO_ROLL_BACK, updates.rollback("notebook").reason);
        assertEquals("1.0.0", table.unit("notebook").version);
        drop("demo-notebook-v2", "notebook-2.0.0.jar");
        awaitVersion("2.0.0");
        write(2);
        String rolled = shell("liveswap:rollback notebook");
        assertTrue(rolled, rolled.startsWith("ROLLED_BACK notebook 2.0.0 -> 1.0.0: "));
        UpdateRecordDTO back = updates.history("notebook").stream().filter(r -> r.kind.equals("ROLLED_BACK"))
                .findFirst().orElseThrow();
        assertTrue("the rollback's pause as numbers: " + back.pauseMicros, back.pauseMicros > 0);
        assertEquals("1.0.0", table.unit("notebook").version);
        assertEquals(2, notebook.size());
    }

    private List<String> write(int notes) {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < notes; i++) {
            String note = "note " + System.nanoTime();
            notebook.add(note);
            written.add(note);
        }
        return written;
    }

    private void drop(String artifact, String name) throws Exception {
        UpdateJars.drop(artifact, folder, name);
    }

    private void awaitVersion(String version) {
        Await.until("notebook reaches " + version, Duration.ofSeconds(20),
                () -> version.equals(table.unit("notebook").version));
    }

    private String jar(String name, String unit, String version, String replaces) throws Exception {
        return UpdateJars.headersOnly(name, unit, version, replaces).toString();
    }

    private String garbage(String name) throws Exception {
        Path file = Files.createTempDirectory("jars").resolve(name);
        byte[] noise = new byte[2048];
        new java.util.Random(7).nextBytes(noise);
        Files.write(file, noise);
        return file.toString();
    }

    private static int count(String text, String word) {
        return text.split(word, -1).length - 1;
    }

    private String shell(String command) throws Exception {
        return new Shell(processor).run(command);
    }

    private String shellQuietly(String command) {
        try {
            return shell(command);
        } catch (Exception e) {
            return e.toString();
        }
    }
}
