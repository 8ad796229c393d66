package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

import io.liveswap.api.Reason;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * The refusal and abort codes only a real framework can show, one row per code: what the framework says when it
 * installs or starts a new version, and a rollback to a version whose bundle is gone. Each row checks the code, the
 * record's kind, and that the unit serves its version with every note it held. (The codes decided without a
 * framework have their rows in the unit tests; docs/UPDATES.md names them.)
 */
public class RefusalCodesIT extends PlatformTestBase {

    private static final String UPDATES_BUNDLE = "io.liveswap.platform.updates";

    @Inject
    Notebook notebook;

    @Inject
    UpdateManager updates;

    @Override
    protected Option testOptions() {
        return at(UNITS, "demo-api", "demo-notebook-v1");
    }

    /** One update file the framework turns down: its outcome's kind and code. */
    private record Row(Path file, String kind, Reason reason) {
    }

    @Test
    public void whatTheFrameworkRefusesCarriesItsCodeAndChangesNothing() throws Exception {
        notebook.add("milk");
        notebook.add("eggs");
        List<Row> rows = List.of(
                new Row(UpdateJars.headersOnly("duplicate-import.jar", "notebook", "2.0.0", "1.0.0",
                        Map.of("Bundle-Version", "2.0.0", "Import-Package", "org.osgi.framework, org.osgi.framework")),
                        "ABORTED", Reason.INSTALL_FAILED),
                new Row(UpdateJars.headersOnly("missing-activator.jar", "notebook", "2.0.0", "1.0.0",
                        Map.of("Bundle-Version", "2.0.0", "Bundle-Activator", "io.liveswap.nowhere.Activator")),
                        "ABORTED", Reason.START_FAILED));
        for (Row row : rows) {
            UpdateRecordDTO outcome = updates.apply(row.file().toString());
            assertEquals(row.file() + ": " + outcome.message, row.kind(), outcome.kind);
            assertEquals(row.file() + ": " + outcome.message, row.reason(), outcome.reason);
            assertUnchanged(row.reason(), "1.0.0");
            assertTrue(row.reason() + ": no bundle of the refused version is left installed",
                    bundle("test." + row.file().getFileName()) == null);
        }
    }

    @Test
    public void aBundleTheMediatorCannotInstallIsRefusedWithItsCode() throws Exception {
        notebook.add("milk");
        notebook.add("eggs");
        SwapAbortedException refused = assertThrows(SwapAbortedException.class, () -> mediator.update("notebook",
                Files.createTempDirectory("gone").resolve("missing.jar").toUri().toString()));
        assertEquals(refused.getMessage(), Reason.INSTALL_FAILED, refused.reason());
        assertUnchanged(Reason.INSTALL_FAILED, "1.0.0");
    }

    @Test
    public void aRollbackToAVersionWhoseCopyIsGoneIsRefused() throws Exception {
        notebook.add("milk");
        notebook.add("eggs");
        assertEquals("COMMITTED", updates.apply(Platform.location("demo-notebook-v2")).kind);
        Path kept = keptCopy("notebook-1.0.0.jar");
        assertTrue("the replaced version was kept: " + kept, Files.isRegularFile(kept));
        assertTrue("1.0.0's bundle was retired", bundle("io.liveswap.demo.notebook.list") == null
                || bundle("io.liveswap.demo.notebook.list").getVersion().getMajor() != 1);
        Files.delete(kept);

        UpdateRecordDTO outcome = updates.rollback("notebook");

        assertEquals(outcome.message, "REFUSED", outcome.kind);
        assertEquals(outcome.message, Reason.VERSION_UNAVAILABLE, outcome.reason);
        assertUnchanged(Reason.VERSION_UNAVAILABLE, "2.0.0");
    }

    /** The unit serves {@code version}, available, with both notes and nothing else. */
    private void assertUnchanged(Reason reason, String version) {
        assertEquals(reason + ": the unit keeps its version", version, table.unit("notebook").version);
        assertTrue(reason + ": the unit is available", table.unit("notebook").available);
        assertEquals(reason + ": the unit keeps its state", 2, notebook.size());
        assertEquals(reason + ": the unit keeps its state", List.of("milk", "eggs"), notebook.latest(2));
    }

    /** A copy in the update journal's folder of kept versions (the platform's data area here). */
    private Path keptCopy(String name) {
        Bundle platformUpdates = bundle(UPDATES_BUNDLE);
        assertTrue(UPDATES_BUNDLE + " runs", platformUpdates != null);
        return platformUpdates.getBundleContext().getDataFile("journal").toPath().resolve("versions").resolve(name);
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElse(null);
    }
}
