package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

/**
 * A plain bundle (no unit, no update) that the watched folder installed follows its file across a restart, as
 * FileInstall's own bundles do: its jar removed while the platform is stopped, the next start uninstalls it and
 * says so; a plain bundle whose jar is still there stays. Checked on the real runtime process, with a framework
 * that keeps its bundles across restarts (the shipped runtime starts from a clean framework storage every time, so
 * there a removed jar's bundle is simply never installed again).
 */
public class PlainBundleRestartIT {

    private static final String REMOVED = "io.liveswap.fixture.counter.api";
    private static final String KEPT = "io.liveswap.fixture.greeter.api";
    /** The launcher keeps the framework's storage, and the framework its bundles, across restarts. */
    private static final String[] PERSISTENT = {"-Dlaunch.keep=true", "-Dorg.osgi.framework.storage.clean=none"};

    @Test
    public void aPlainBundleWhoseJarWasRemovedWhileStoppedIsUninstalledAtTheNextStart() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-plain-restart");
        try (RuntimeProcess runtime = RuntimeProcess.start(folder, PERSISTENT)) {
            UpdateJars.drop("counter-api", runtime.deploy(), "counter-api.jar");
            UpdateJars.drop("greeter-api", runtime.deploy(), "greeter-api.jar");
            runtime.await("lb lists both plain bundles", () -> listed(runtime, REMOVED) && listed(runtime, KEPT));
        }
        Files.delete(folder.resolve("deploy/counter-api.jar"));
        try (RuntimeProcess runtime = RuntimeProcess.start(folder, PERSISTENT)) {
            runtime.await("the plain bundle whose jar is gone is uninstalled", () -> !listed(runtime, REMOVED));
            int mark = 0;
            runtime.awaitSince(mark, "was removed while the platform was stopped");
            runtime.awaitSince(mark, "Uninstalled plain bundle");
            assertTrue("the log names the bundle and its file: " + runtime.since(mark), runtime.since(mark).lines()
                    .anyMatch(line -> line.contains(REMOVED) && line.contains("counter-api.jar")
                            && line.contains("was removed while the platform was stopped")));
            assertTrue("the plain bundle whose jar is there stays", listed(runtime, KEPT));
            assertEquals("the unit serves as before", 1, typed(runtime, "liveswap:units").stream()
                    .filter(line -> line.startsWith("notebook ") && line.contains("serving")).count());
        }
    }

    /** Whether {@code lb -s} lists the bundle. */
    private static boolean listed(RuntimeProcess runtime, String symbolicName) {
        return typed(runtime, "lb -s").stream().anyMatch(line -> line.contains("|" + symbolicName + " ("));
    }

    private static List<String> typed(RuntimeProcess runtime, String command) {
        try {
            return runtime.typed(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
