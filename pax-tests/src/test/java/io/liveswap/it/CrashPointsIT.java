package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.Test;

import io.liveswap.core.crash.CrashPoints;

/**
 * The platform process dies at five points of an update (before and after the intent is journaled, during the state
 * transfer, after the re-point, before the outcome is journaled), four times each. Every time, the restarted
 * platform serves the unit at exactly one version, the old or the new, and the journal closes what the crash left
 * open; the update, whose file is still in the folder, ends applied.
 */
public class CrashPointsIT {

    private static final List<String> POINTS = List.of(CrashPoints.BEFORE_INTENT, CrashPoints.AFTER_INTENT,
            CrashPoints.DURING_TRANSFER, CrashPoints.AFTER_REPOINT, CrashPoints.BEFORE_OUTCOME);
    private static final int KILLS_PER_POINT = 4;

    @Test
    public void everyKillComesBackAtOneConsistentVersion() throws Exception {
        int kills = 0;
        for (String point : POINTS) {
            for (int i = 0; i < KILLS_PER_POINT; i++) {
                killAndRecover(point);
                kills++;
            }
        }
        assertEquals(20, kills);
    }

    private static void killAndRecover(String point) throws Exception {
        Path folder = Files.createTempDirectory("liveswap-crash-" + point);
        RuntimeProcess doomed = RuntimeProcess.start(folder, "-D" + CrashPoints.PROPERTY + "=" + point);
        UpdateJars.drop("demo-notebook-v2", doomed.deploy(), "notebook-2.0.0.jar");
        assertEquals("halted at " + point, 137, doomed.awaitExit(Duration.ofSeconds(30)));
        List<String> atCrash = doomed.journal();
        try (RuntimeProcess restarted = RuntimeProcess.start(folder)) {
            String units = restarted.command("liveswap:units", "notebook ");
            assertTrue(point + ": one consistent version right after the restart: " + units,
                    units.contains("1.0.0    serving") || units.contains("2.0.0    serving"));
            restarted.await(point + ": the update ends applied", () -> restarted.journal().stream()
                    .anyMatch(l -> l.contains("\tCOMMITTED\t")));
            List<String> journal = restarted.journal();
            assertEquals(point + ": the journal kept what it had at the crash", atCrash,
                    journal.subList(0, atCrash.size()));
            if (atCrash.stream().anyMatch(l -> l.contains("\tINTENT\t"))) {
                assertTrue(point + ": an open intent is closed as interrupted: " + journal,
                        journal.stream().anyMatch(l -> l.contains("\tINTERRUPTED\t")));
            }
            assertTrue(point + ": serving 2.0.0 in the end",
                    restarted.command("liveswap:units", "notebook ").contains("2.0.0    serving"));
        }
    }
}
