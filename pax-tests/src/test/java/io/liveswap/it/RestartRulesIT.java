package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

/**
 * The watched folder is the operator's desired state, with one rule whether the platform was running or not
 * (docs/UPDATES.md, "Restarts and the watched folder"), checked on the real runtime process: a restart restores
 * each unit to the journal's outcome whatever the folder holds, then reconciles the folder as a running platform
 * would; a plain restart writes no record; rollbacks, aborts and refusals survive restarts; a stop during the
 * start-up restore records nothing.
 */
public class RestartRulesIT {

    @Test
    public void aRestartRestoresTheLastCommittedVersionWithoutItsFiles() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-rules-outcome");
        Path elsewhere = Files.createTempDirectory("liveswap-rules-jars");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            Path v2 = UpdateJars.drop("demo-notebook-v2", elsewhere, "notebook-2.0.0.jar");
            Path v21 = UpdateJars.drop("demo-notebook-v2-1", elsewhere, "notebook-2.1.0.jar");
            runtime.command("liveswap:apply " + v2, "COMMITTED");
            runtime.command("liveswap:apply " + v21, "2.1.0");
            awaitServing(runtime, "2.1.0");
            before = runtime.journal();
        }
        Files.delete(elsewhere.resolve("notebook-2.0.0.jar"));
        Files.delete(elsewhere.resolve("notebook-2.1.0.jar"));
        for (int restart = 1; restart <= 2; restart++) {
            assertPlainRestart(folder, "2.1.0", before,
                    "restart " + restart + ": restoring the last commit writes no record");
        }
    }

    @Test
    public void theNewestJarRemovedWhileStoppedIsRolledBackOnStart() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-rules-removed");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            UpdateJars.drop("demo-notebook-v2", runtime.deploy(), "notebook-2.0.0.jar");
            runtime.await("2.0.0 committed", () -> count(runtime.journal(), "COMMITTED") == 1);
            UpdateJars.drop("demo-notebook-v2-1", runtime.deploy(), "notebook-2.1.0.jar");
            runtime.await("2.1.0 committed", () -> count(runtime.journal(), "COMMITTED") == 2);
            before = runtime.journal();
        }
        Files.delete(folder.resolve("deploy/notebook-2.1.0.jar"));
        List<String> afterRollback;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            runtime.await("the removed update is rolled back", () -> runtime.journal().size() > before.size()
                    && last(runtime.journal()).contains("\tROLLED_BACK\t"));
            awaitRestored(runtime);
            awaitServing(runtime, "2.0.0");
            afterRollback = runtime.journal();
            List<String> added = afterRollback.subList(before.size(), afterRollback.size());
            assertEquals("one intent and one rollback, nothing else: " + added, List.of("INTENT", "ROLLED_BACK"),
                    added.stream().map(RestartRulesIT::kind).toList());
            assertEquals("2.1.0", field(last(afterRollback), 4));
            assertEquals("2.0.0", field(last(afterRollback), 5));
        }
        assertPlainRestart(folder, "2.0.0", afterRollback, "a plain restart writes no record");
    }

    @Test
    public void aRollbackByCommandSurvivesRestartsAndItsJarIsNotAppliedAgain() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-rules-rollback");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            UpdateJars.drop("demo-notebook-v2", runtime.deploy(), "notebook-2.0.0.jar");
            runtime.await("2.0.0 committed", () -> count(runtime.journal(), "COMMITTED") == 1);
            runtime.command("liveswap:rollback notebook", "ROLLED_BACK");
            awaitServing(runtime, "1.0.0");
            before = runtime.journal();
        }
        for (int restart = 1; restart <= 2; restart++) {
            assertPlainRestart(folder, "1.0.0", before,
                    "restart " + restart + ": the jar rolled back by command stays rolled back, no record");
        }
    }

    @Test
    public void aRollbackAfterARestartIsNotUndoneByTheNextRestart() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-rules-rollback-after-restart");
        Path elsewhere = Files.createTempDirectory("liveswap-rules-jars");
        Path v2 = UpdateJars.drop("demo-notebook-v2", elsewhere, "notebook-2.0.0.jar");
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            runtime.command("liveswap:apply " + v2, "COMMITTED");
            awaitServing(runtime, "2.0.0");
        }
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            awaitRestored(runtime);
            awaitServing(runtime, "2.0.0");
            runtime.command("liveswap:rollback notebook", "ROLLED_BACK");
            awaitServing(runtime, "1.0.0");
            before = runtime.journal();
        }
        assertPlainRestart(folder, "1.0.0", before, "no record at a plain restart");
    }

    @Test
    public void abortedAndRefusedUpdatesAreNotTriedAgainAtEveryStartNorHeldAsPending() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-rules-aborted");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            UpdateJars.drop("demo-notebook-v2", runtime.deploy(), "notebook-2.0.0.jar");
            runtime.await("2.0.0 committed", () -> count(runtime.journal(), "COMMITTED") == 1);
            UpdateJars.drop("demo-notebook-v2-1", runtime.deploy(), "notebook-2.1.0.jar");
            runtime.await("2.1.0 committed", () -> count(runtime.journal(), "COMMITTED") == 2);
            UpdateJars.drop("demo-notebook-v3-broken", runtime.deploy(), "notebook-3.0.0.jar");
            runtime.await("3.0.0 aborted", () -> count(runtime.journal(), "ABORTED") == 1);
            UpdateJars.drop(UpdateJars.headersOnly("down.jar", "notebook", "1.0.0", "0.9.0"), runtime.deploy(),
                    "notebook-down.jar");
            runtime.await("the older jar refused", () -> count(runtime.journal(), "REFUSED") == 1);
            runtime.command("liveswap:rollback notebook", "ROLLED_BACK");
            awaitServing(runtime, "2.0.0");
            before = runtime.journal();
        }
        for (int restart = 1; restart <= 2; restart++) {
            try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
                awaitRestored(runtime);
                awaitServing(runtime, "2.0.0");
                // the answer without log lines: FileInstall's late lines name notebook-3.0.0.jar ("ABORTED before")
                String pending = String.join("\n", runtime.typed("liveswap:pending"));
                assertFalse("restart " + restart + ": 3.0.0 is not pending: " + pending, pending.contains("3.0.0"));
                assertEquals("restart " + restart + ": nothing tried again, nothing recorded", before,
                        runtime.journal());
            }
        }
    }

    @Test
    public void stoppingDuringTheStartUpRestoreRecordsNothing() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-rules-stop-restore");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            UpdateJars.drop("notebook-slow", runtime.deploy(), "notebook-2.0.0.jar");
            runtime.await("2.0.0 committed", () -> count(runtime.journal(), "COMMITTED") == 1);
            before = runtime.journal();
        }
        RuntimeProcess stopped = RuntimeProcess.startRestoring(folder);
        int mark = stopped.mark();
        stopped.close(); // the slow version takes seconds to activate: the restore is still under way
        assertEquals("a stop during the restore records nothing:\n" + stopped.since(mark), before,
                stopped.journal());
        assertFalse("the stop came during the restore:\n" + stopped.since(0),
                stopped.since(0).contains("Start-up restore done"));
        assertFalse(stopped.since(0), stopped.since(0).contains("ERROR"));
        assertPlainRestart(folder, "2.0.0", before, "and the next start restores without a record");
    }

    /** Starts the runtime on the folder: it comes back at {@code version} and writes no journal record. */
    static void assertPlainRestart(Path folder, String version, List<String> journal, String message)
            throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            awaitRestored(runtime);
            awaitServing(runtime, version);
            assertEquals(message, journal, runtime.journal());
        }
    }

    /** Waits until the start-up restore and the first reconciliation of the folder are done. */
    static void awaitRestored(RuntimeProcess runtime) {
        runtime.awaitSince(0, "Start-up restore done");
    }

    static void awaitServing(RuntimeProcess runtime, String version) {
        runtime.await("notebook serving " + version, () -> {
            try {
                return runtime.command("liveswap:units", "notebook ").contains(version + "    serving");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static long count(List<String> journal, String kind) {
        return journal.stream().filter(l -> kind(l).equals(kind)).count();
    }

    static String field(String line, int index) {
        return line.split("\t", -1)[index];
    }

    static String kind(String line) {
        return field(line, 2);
    }

    static String last(List<String> journal) {
        return journal.isEmpty() ? "" : journal.get(journal.size() - 1);
    }
}
