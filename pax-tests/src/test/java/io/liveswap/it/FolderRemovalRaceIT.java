package io.liveswap.it;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/**
 * Found by {@link OperatorChaosIT} (seed 5, step 9): a jar removed from the watched folder after the watcher reported
 * it and before the platform read it (the start-up restore holds reports back) was journaled as REFUSED
 * (UNREADABLE, "does not exist"), at a restart whose folder the operator had only cleaned up. A file that is gone
 * is no refusal: nothing is recorded, and its removal is reported as any removal.
 */
public class FolderRemovalRaceIT {

    @Test
    public void aJarRemovedBeforeItIsReadDuringTheRestoreLeavesNoRecord() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-removal-race");
        List<String> before;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder)) {
            // the slow version takes 4 s to activate: the next start's restore holds the folder's reports that long
            UpdateJars.drop("notebook-slow", runtime.deploy(), "notebook-2.0.0.jar");
            runtime.await("2.0.0 committed", () -> RestartRulesIT.count(runtime.journal(), "COMMITTED") == 1);
            before = runtime.journal();
        }
        Path doomed = UpdateJars.drop("demo-notebook-v3-broken", folder.resolve("deploy"), "short-lived.jar");
        try (RuntimeProcess runtime = RuntimeProcess.startRestoring(folder)) {
            TimeUnit.MILLISECONDS.sleep(1500); // pacing: the removal falls inside the restore's 4 s, after the report
            Files.delete(doomed);
            RestartRulesIT.awaitRestored(runtime);
            RestartRulesIT.awaitServing(runtime, "2.0.0");
            WatcherSentinel.awaitHandled(runtime);
            assertEquals("a removed file is no refusal:\n" + runtime.since(0), before, runtime.journal());
            runtime.awaitSince(0, "short-lived.jar was removed before it could be read");
        }
    }
}
