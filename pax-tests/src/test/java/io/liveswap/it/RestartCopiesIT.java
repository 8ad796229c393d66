package io.liveswap.it;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

/**
 * Found by {@link OperatorChaosIT} (seed 1, 8 steps): a plain restart with two files of the same content in the
 * watched folder, both pending or both aborted before the stop, wrote a record: the second file was taken for a
 * touched one (the content had been reported once since the start) and judged again; and (seed 42) a pending file
 * whose copy had been removed was judged by the copy's WITHDRAWN record. Each file is judged by its own record, so
 * a plain restart stays without a record (docs/UPDATES.md, "Restarts and the watched folder").
 */
public class RestartCopiesIT {

    @Test
    public void twoPendingCopiesStayPendingWithoutARecordAtARestart() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-copies-pending");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            UpdateJars.drop("demo-notebook-v3-broken", runtime.deploy(), "notebook-3.0.0.jar");
            UpdateJars.drop("demo-notebook-v3-broken", runtime.deploy(), "copy-of-3.0.0.jar");
            runtime.await("both pending", () -> RestartRulesIT.count(runtime.journal(), "PENDING") == 2);
            before = runtime.journal();
        }
        assertNoRecordAtRestarts(folder, before, "1.0.0");
    }

    /** Found by OperatorChaosIT (seed 42, step 53): the removed copy's WITHDRAWN record answered for the other. */
    @Test
    public void aPendingFileStaysPendingWithoutARecordWhenItsCopyWasWithdrawn() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-copies-withdrawn");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            UpdateJars.drop("demo-notebook-v3-broken", runtime.deploy(), "notebook-3.0.0.jar");
            Path copy = UpdateJars.drop("demo-notebook-v3-broken", runtime.deploy(), "copy-of-3.0.0.jar");
            runtime.await("both pending", () -> RestartRulesIT.count(runtime.journal(), "PENDING") == 2);
            Files.delete(copy);
            runtime.await("the copy withdrawn", () -> RestartRulesIT.count(runtime.journal(), "WITHDRAWN") == 1);
            before = runtime.journal();
        }
        assertNoRecordAtRestarts(folder, before, "1.0.0");
    }

    @Test
    public void twoAbortedCopiesAreNotTriedAgainAtARestart() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-copies-aborted");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            UpdateJars.drop("demo-notebook-v2", runtime.deploy(), "notebook-2.0.0.jar");
            runtime.await("2.0.0 committed", () -> RestartRulesIT.count(runtime.journal(), "COMMITTED") == 1);
            UpdateJars.drop("demo-notebook-v2-1", runtime.deploy(), "notebook-2.1.0.jar");
            runtime.await("2.1.0 committed", () -> RestartRulesIT.count(runtime.journal(), "COMMITTED") == 2);
            UpdateJars.drop("demo-notebook-v3-broken", runtime.deploy(), "notebook-3.0.0.jar");
            runtime.await("3.0.0 aborted", () -> RestartRulesIT.count(runtime.journal(), "ABORTED") == 1);
            UpdateJars.drop("demo-notebook-v3-broken", runtime.deploy(), "copy-of-3.0.0.jar");
            runtime.await("its copy aborted too", () -> RestartRulesIT.count(runtime.journal(), "ABORTED") == 2);
            before = runtime.journal();
        }
        assertNoRecordAtRestarts(folder, before, "2.1.0");
    }

    private static void assertNoRecordAtRestarts(Path folder, List<String> before, String version) throws Exception {
        for (int restart = 1; restart <= 2; restart++) {
            try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
                RestartRulesIT.awaitRestored(runtime);
                RestartRulesIT.awaitServing(runtime, version);
                WatcherSentinel.awaitHandled(runtime); // both copies judged
                assertEquals("restart " + restart + ": a plain restart writes no record", before,
                        runtime.journal());
            }
        }
    }
}
