package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

/**
 * Restarts of the real runtime ({@code java -jar liveswap.jar}) on the same working folder: after a clean stop the
 * units, versions, pending updates and history are as before; after a kill between an update's intent and its
 * outcome the unit comes back at one consistent version and the journal tells what happened.
 */
public class RestartIT {

    @Test
    public void afterARestartVersionsPendingUpdatesAndHistoryAreAsBefore() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-restart");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            UpdateJars.drop("demo-notebook-v2-1", runtime.deploy(), "notebook-2.1.0.jar");
            UpdateJars.drop("demo-notebook-v2", runtime.deploy(), "notebook-2.0.0.jar");
            UpdateJars.drop(UpdateJars.headersOnly("far.jar", "notebook", "9.0.0", "8.0.0"), runtime.deploy(),
                    "notebook-9.0.0.jar");
            runtime.await("2.1.0 committed and 9.0.0 pending",
                    () -> has(runtime.journal(), "COMMITTED", "2.1.0") && has(runtime.journal(), "PENDING", "9.0.0"));
            assertTrue(runtime.command("liveswap:units", "notebook ").contains("2.1.0    serving"));
            before = runtime.journal();
            String committed = before.stream().filter(l -> kind(l).equals("COMMITTED")).findFirst().orElseThrow();
            assertTrue("a commit journals its pause, drain and transfer as numbers: " + committed,
                    Long.parseLong(field(committed, 10)) > 0 && Long.parseLong(field(committed, 11)) >= 0
                            && Long.parseLong(field(committed, 12)) >= 0);
            String pending = before.stream().filter(l -> kind(l).equals("PENDING")).findFirst().orElseThrow();
            assertEquals("GAP", field(pending, 9));
        }
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            RestartRulesIT.awaitRestored(runtime);
            RestartRulesIT.awaitServing(runtime, "2.1.0");
            runtime.command("liveswap:pending", "MESSAGE");
            runtime.awaitOutput("waits for version 8.0.0", Duration.ofSeconds(10));
            assertEquals("the history is kept as it was, and restoring it is no new record", before,
                    runtime.journal());
        }
    }

    @Test
    public void aKillBetweenIntentAndOutcomeComesBackAtOneConsistentVersion() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-kill");
        RuntimeProcess first = RuntimeProcess.start(folder);
        try {
            UpdateJars.drop("notebook-slow", first.deploy(), "notebook-2.0.0.jar");
            first.await("the update's intent is journaled",
                    () -> last(first.journal()).contains("INTENT"));
        } finally {
            first.kill(); // the slow version is still activating: no outcome was written
        }
        assertTrue(last(first.journal()), last(first.journal()).contains("INTENT"));
        try (RuntimeProcess second = RuntimeProcess.start(folder)) {
            String units = second.command("liveswap:units", "notebook ");
            assertTrue("back at exactly the old version: " + units, units.contains("1.0.0    serving")
                    || units.contains("2.0.0    serving"));
            String interrupted = second.journal().stream().filter(l -> kind(l).equals("INTERRUPTED")).findFirst()
                    .orElseThrow();
            assertEquals("STOPPED_MID_UPDATE", field(interrupted, 9));
            second.await("the update is applied again from its file",
                    () -> last(second.journal()).contains("COMMITTED"));
            assertTrue(second.command("liveswap:units", "notebook ").contains("2.0.0    serving"));
        }
    }

    private static boolean has(List<String> journal, String kind, String version) {
        return journal.stream().anyMatch(l -> l.contains("\t" + kind + "\t") && l.contains(version));
    }

    /** A field of a journal line (tab-separated; see JournalRecord). */
    private static String field(String line, int index) {
        return line.split("\t", -1)[index];
    }

    private static String kind(String line) {
        return field(line, 2);
    }

    private static String last(List<String> journal) {
        return journal.isEmpty() ? "" : journal.get(journal.size() - 1);
    }
}
