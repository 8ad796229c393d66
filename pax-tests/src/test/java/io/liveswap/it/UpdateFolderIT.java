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

import io.liveswap.demo.notebook.Notebook;

/**
 * The watched folder and the shell, for real: FileInstall watches a fresh folder, the demo notebook 1.0.0 runs, and
 * the test drops the demo's update bundles (2.0.0 data-structure change, 2.1.0 code-only change, 3.0.0 broken) the
 * way an operator would, and drives {@code liveswap:} commands through Gogo.
 */
public class UpdateFolderIT extends PlatformTestBase {

    @Inject
    Notebook notebook;

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

    @Test
    public void refusalsNameTheCauseAndChangeNothing() throws Exception {
        write(3);
        assertRefused(shell("liveswap:apply " + jar("unknown.jar", "nosuch", "2.0.0", "1.0.0")),
                "unknown unit 'nosuch' (known units: notebook)");
        assertRefused(shell("liveswap:apply " + garbage("random.jar")), "not a complete jar");
        assertRefused(shell("liveswap:apply " + jar("gap.jar", "notebook", "2.0.0", "0.9.0")),
                "Rebuild it with replaces=\"1.0.0\"");
        String unresolvable = shell("liveswap:apply " + UpdateJars.headersOnly("unresolvable.jar", "notebook", "2.0.0",
                "1.0.0", java.util.Map.of("Import-Package", "com.example.nowhere")));
        assertTrue(unresolvable, unresolvable.startsWith("ABORTED") && unresolvable.contains("failed to start")
                && unresolvable.contains("com.example.nowhere") && unresolvable.contains("keeps serving"));
        assertEquals("1.0.0", table.unit("notebook").version);
        assertTrue(shell("liveswap:apply " + Platform.location("demo-notebook-v2")).startsWith("COMMITTED"));
        assertRefused(shell("liveswap:apply " + Platform.location("demo-notebook-v2")), "duplicate");
        assertRefused(shell("liveswap:apply " + jar("old.jar", "notebook", "1.5.0", "1.0.0")), "(downgrade)");
        String gap = shell("liveswap:apply " + jar("far.jar", "notebook", "9.0.0", "8.0.0"));
        assertTrue(gap, gap.startsWith("PENDING") && gap.contains("waits for version 8.0.0"));
        assertEquals("2.0.0", table.unit("notebook").version);
        assertEquals(3, notebook.size());
    }

    @Test
    public void theBrokenVersionAbortsAndTheRunningOneKeepsItsNotes() throws Exception {
        write(7);
        drop("demo-notebook-v2", "notebook-2.0.0.jar");
        drop("demo-notebook-v2-1", "notebook-2.1.0.jar");
        awaitVersion("2.1.0");
        drop("demo-notebook-v3-broken", "notebook-3.0.0.jar");
        Await.until("3.0.0 is aborted", () -> shellQuietly("liveswap:history").contains("ABORTED"));
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
        Await.until("the half-written jar is refused", () -> shellQuietly("liveswap:history")
                .contains("not a complete jar"));
        assertEquals("1.0.0", table.unit("notebook").version);
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
        assertRefused(shell("liveswap:rollback notebook"), "nothing to roll back");
        drop("demo-notebook-v2", "notebook-2.0.0.jar");
        awaitVersion("2.0.0");
        write(2);
        String rolled = shell("liveswap:rollback notebook");
        assertTrue(rolled, rolled.startsWith("ROLLED_BACK notebook 2.0.0 -> 1.0.0: "));
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

    private static void assertRefused(String output, String cause) {
        assertTrue(output, output.startsWith("REFUSED"));
        assertTrue(output, output.contains(cause));
        assertEquals("one line: " + output, 1, output.strip().lines().count());
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
