package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static io.liveswap.it.Platform.platform;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import io.liveswap.api.Reason;
import io.liveswap.api.TranslationTable;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.updates.DeployFolder;
import io.liveswap.updates.FolderEntryDTO;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * The watched folder's rules for what an operator may leave in it, with the real FileInstall: duplicates and
 * touched files are refused once, a jar being copied is waited for without records, a plain bundle never replaces
 * or removes a platform, API or implementation bundle, other plain bundles are installed and removed, and
 * {@code liveswap:folder} says what became of every file.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class FolderRulesIT {

    @Inject
    ConfigurationAdmin configAdmin;

    @Inject
    TranslationTable table;

    @Inject
    Notebook notebook;

    @Inject
    CommandProcessor processor;

    @Inject
    UpdateManager updates;

    @Inject
    DeployFolder deployFolder;

    @Inject
    BundleContext context;

    private Path folder;
    private io.liveswap.it.DeployFolder watched;
    private int markers;

    @Configuration
    public Option[] configuration() {
        return new Option[] {platform(at(UNITS, "demo-api", "demo-notebook-v1"))};
    }

    @Before
    public void watchAFreshFolder() throws Exception {
        watched = io.liveswap.it.DeployFolder.watch(configAdmin);
        folder = watched.path();
    }

    @After
    public void stopWatching() throws Exception {
        watched.close();
    }

    @Test
    public void aCopyUnderAnotherNameIsRefusedOnceAsADuplicate() throws Exception {
        UpdateJars.drop("demo-notebook-v2", folder, "notebook-2.0.0.jar");
        awaitVersion("2.0.0");
        Path copy = UpdateJars.drop("demo-notebook-v2", folder, "copy-of-2.0.0.jar");
        Await.until("the copy is refused", () -> outcome(copy).isPresent());
        assertEquals(Reason.DUPLICATE, outcome(copy).get().reason);
        touch(copy);
        settle();
        touch(copy);
        settle();
        assertEquals("refused once: " + records(copy), 1, records(copy).size());
        assertEquals("the applied file is reported again without a record", 1,
                records(folder.resolve("notebook-2.0.0.jar")).stream().filter(r -> r.kind.equals("COMMITTED"))
                        .count());
    }

    @Test
    public void aTouchedOlderJarIsRefusedOnce() throws Exception {
        Path two = UpdateJars.drop("demo-notebook-v2", folder, "notebook-2.0.0.jar");
        awaitVersion("2.0.0");
        UpdateJars.drop("demo-notebook-v2-1", folder, "notebook-2.1.0.jar");
        awaitVersion("2.1.0");
        for (int i = 0; i < 3; i++) {
            touch(two);
            settle();
        }
        // applied before and superseded since: its outcome stands, touching it adds no record at all
        assertEquals("no new record for three touches: " + records(two), 2, records(two).size());
        assertEquals(FolderEntryDTO.SUPERSEDED, state(two));
        assertEquals("2.1.0", table.unit("notebook").version);
    }


    @Test
    public void aJarBeingCopiedIsWaitedForWithoutRecords() throws Exception {
        notebook.add("kept");
        byte[] whole = Files.readAllBytes(Path.of(URI.create(Platform.location("demo-notebook-v2"))));
        Path target = folder.resolve("notebook-2.0.0.jar");
        Files.write(target, Arrays.copyOf(whole, whole.length / 3));
        Await.until("the jar is listed as being copied", () -> state(target).equals(FolderEntryDTO.COPYING));
        Files.write(target, Arrays.copyOf(whole, 2 * whole.length / 3));
        settle();
        assertEquals(FolderEntryDTO.COPYING, state(target));
        assertEquals(Reason.INCOMPLETE, entry(target).reason);
        assertTrue("no record while it is copied: " + records(target), records(target).isEmpty());
        Files.write(target, whole);
        awaitVersion("2.0.0");
        assertEquals(1, notebook.size());
        Await.until("the jar is listed as applied", () -> state(target).equals(FolderEntryDTO.APPLIED));
    }

    @Test
    public void aReDroppedVersionIsNotDescribedAsARestart() throws Exception {
        UpdateJars.drop("demo-notebook-v2", folder, "notebook-2.0.0.jar");
        awaitVersion("2.0.0");
        assertEquals("ROLLED_BACK", updates.rollback("notebook").kind);
        // content rolled back on command stays rolled back from the folder until it changes (docs/UPDATES.md) ...
        Path again = UpdateJars.drop("demo-notebook-v2", folder, "notebook-2.0.0-again.jar");
        settle();
        assertEquals("1.0.0", table.unit("notebook").version);
        assertTrue("no record for the copy: " + records(again), records(again).isEmpty());
        // ... and the operator applies it again on purpose
        assertEquals("COMMITTED", updates.apply(again.toString()).kind);
        awaitVersion("2.0.0");
        for (UpdateRecordDTO record : updates.history("notebook")) {
            assertFalse(record.message, record.message.contains("restart"));
        }
    }

    @Test
    public void aPlainBundleNeverReplacesOrRemovesTheApiOrTheImplementation() throws Exception {
        Bundle api = bundle("io.liveswap.demo.notebook.api").orElseThrow();
        Bundle implementation = bundle("io.liveswap.demo.notebook.list").orElseThrow();
        long apiModified = api.getLastModified();
        long implementationModified = implementation.getLastModified();
        Path apiCopy = UpdateJars.drop("demo-api", folder, "api-copy.jar");
        Path implementationCopy = UpdateJars.drop("demo-notebook-v1", folder, "notebook-1.0.0.jar");
        Await.until("both are refused", () -> outcome(apiCopy).isPresent() && outcome(implementationCopy).isPresent());
        UpdateRecordDTO refusal = outcome(apiCopy).get();
        assertEquals(refusal.message, Reason.PROTECTED_BUNDLE, refusal.reason);
        assertTrue(refusal.message, refusal.message.contains("the API bundle of unit 'notebook'")
                && refusal.message.contains("Remove the file"));
        assertEquals(Reason.PROTECTED_BUNDLE, outcome(implementationCopy).get().reason);
        assertTrue(outcome(implementationCopy).get().message.contains("implementation of unit 'notebook'"));
        touch(apiCopy);
        settle();
        assertEquals("refused once", 1, records(apiCopy).size());
        Files.delete(apiCopy);
        Files.delete(implementationCopy);
        settle();
        assertEquals(Bundle.ACTIVE, api.getState());
        assertEquals(Bundle.ACTIVE, implementation.getState());
        assertEquals("the API bundle was never replaced", apiModified, api.getLastModified());
        assertEquals(implementationModified, implementation.getLastModified());
        assertEquals("the unit keeps its version", "1.0.0", table.unit("notebook").version);
        assertTrue(table.unit("notebook").available);
        assertEquals(1, notebook.add("still serving"));
    }

    @Test
    public void otherPlainBundlesAreInstalledListedAndRemoved() throws Exception {
        Path plain = UpdateJars.drop("counter-api", folder, "counter-api.jar");
        Await.until("the plain bundle is installed and started", () -> context.getBundle(plain.toUri().toString())
                != null && context.getBundle(plain.toUri().toString()).getState() == Bundle.ACTIVE);
        Await.until("it is listed", () -> state(plain).equals(FolderEntryDTO.PLAIN_BUNDLE));
        assertTrue(entry(plain).detail, entry(plain).detail.contains("bundle ["));
        Files.delete(plain);
        Await.until("the plain bundle is uninstalled", () -> context.getBundle(plain.toUri().toString()) == null);
    }

    @Test
    public void theFolderCommandSaysWhatBecameOfEveryFile() throws Exception {
        UpdateJars.drop("demo-notebook-v2", folder, "notebook-2.0.0.jar");
        awaitVersion("2.0.0");
        UpdateJars.drop(UpdateJars.headersOnly("far.jar", "notebook", "9.0.0", "8.0.0"), folder, "far-9.0.0.jar");
        UpdateJars.drop(UpdateJars.headersOnly("x.jar", "nosuch", "2.0.0", "1.0.0"), folder, "nosuch.jar");
        UpdateJars.drop("counter-api", folder, "counter-api.jar");
        byte[] whole = Files.readAllBytes(Path.of(URI.create(Platform.location("demo-notebook-v2-1"))));
        Files.write(folder.resolve("half.jar"), Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(folder.resolve("notes.txt"), "not a jar");
        Await.until("every file is accounted for", () -> deployFolder.entries().size() == 6
                && deployFolder.entries().stream().noneMatch(e -> e.detail.startsWith("not reported")));
        String listing = new Shell(processor).run("liveswap:folder");
        assertRow(listing, "notebook-2.0.0.jar", "APPLIED", "notebook", "2.0.0", "applied as version 2.0.0");
        assertRow(listing, "far-9.0.0.jar", "PENDING", "GAP", "9.0.0", "waits for version 8.0.0");
        assertRow(listing, "nosuch.jar", "REFUSED", "UNKNOWN_UNIT", "unknown unit 'nosuch'");
        assertRow(listing, "counter-api.jar", "PLAIN_BUNDLE", "bundle [");
        assertRow(listing, "half.jar", "COPYING", "INCOMPLETE", "being copied");
        assertRow(listing, "notes.txt", "NOT_HANDLED", "not a jar");
    }

    private static void assertRow(String listing, String file, String... parts) {
        String row = listing.lines().filter(l -> l.startsWith(file + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + file + " in\n" + listing));
        for (String part : parts) {
            assertTrue(row + " names " + part, row.contains(part));
        }
    }

    /** Waits until FileInstall has handled everything changed before: two later files were reported in turn. */
    private void settle() throws Exception {
        for (int i = 0; i < 2; i++) {
            Path marker = UpdateJars.drop(UpdateJars.headersOnly("marker.jar", "marker", "2.0.0", "1.0.0"), folder,
                    "marker-" + ++markers + ".jar");
            Await.until("FileInstall reports " + marker.getFileName(), () -> outcome(marker).isPresent());
        }
    }

    private static void touch(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
    }

    private List<UpdateRecordDTO> records(Path file) {
        return updates.history(null).stream().filter(r -> file.toString().equals(r.file)).toList();
    }

    private Optional<UpdateRecordDTO> outcome(Path file) {
        return records(file).stream().filter(r -> !r.kind.equals("INTENT")).reduce((a, b) -> b);
    }

    private FolderEntryDTO entry(Path file) {
        return deployFolder.entries().stream().filter(e -> e.file.equals(file.toString())).findFirst()
                .orElseGet(FolderEntryDTO::new);
    }

    private String state(Path file) {
        return String.valueOf(entry(file).state);
    }

    private Optional<Bundle> bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst();
    }

    private void awaitVersion(String version) {
        Await.until("notebook reaches " + version, Duration.ofSeconds(20),
                () -> version.equals(table.unit("notebook").version));
    }
}
