package io.liveswap.it;

import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The randomized operator's stops, starts and kills, and what each must come back to: a clean stop on an unchanged
 * folder (even one cut short during the start-up restore) comes back at the same version with the same journal;
 * changes made while stopped are reconciled as while running; a kill (at rest, during an update, during a rollback,
 * during the start-up restore) comes back at the journal's outcome with the intent it left open INTERRUPTED.
 */
final class ChaosRestarts {

    private static final String SLOW = "notebook-2.0.0-slow.jar";

    private final ChaosRuntime runtime;
    private final ChaosFolder jars;
    private final Random random;
    /** For the check after the step: the version and journal before a plain restart, the journal at a kill. */
    private String versionBefore;
    private List<String> journalBefore;
    private List<String> atFirstKill;
    private boolean killed;

    ChaosRestarts(ChaosRuntime runtime, ChaosFolder jars, Random random) {
        this.runtime = runtime;
        this.jars = jars;
        this.random = random;
    }

    /** Does a restart step; returns what it did, for the trail. */
    String perform(String action, List<String> present, List<String> absent) throws Exception {
        atFirstKill = null;
        killed = true;
        switch (action) {
            case "RESTART" -> {
                versionBefore = runtime.version();
                journalBefore = runtime.journal();
                runtime.stop();
                runtime.start();
                return "at " + versionBefore;
            }
            case "RESTART_WITH_CHANGES" -> {
                journalBefore = runtime.journal();
                runtime.stop();
                killed = false;
                String changed = changeWhileStopped(present, absent);
                runtime.start();
                return changed;
            }
            case "KILL" -> {
                pause(300);
                runtime.kill();
                journalBefore = runtime.journal();
                runtime.start();
                return "at rest";
            }
            case "KILL_MID_UPDATE" -> {
                String what = startSomethingLong(present);
                pause(what.startsWith("rollback") ? 500 : 4500);
                runtime.kill();
                journalBefore = runtime.journal();
                runtime.start();
                return what;
            }
            case "STOP_OR_KILL_MID_START" -> {
                return stopOrKillMidStart();
            }
            default -> throw new IllegalArgumentException(action);
        }
    }

    /**
     * Ends the runtime (stop or kill), starts it, ends it again (stop or kill) a random moment later, often during
     * the start-up restore, and starts it again.
     */
    private String stopOrKillMidStart() throws Exception {
        boolean killFirst = random.nextBoolean();
        if (killFirst) {
            runtime.kill();
            atFirstKill = runtime.journal();
        } else {
            versionBefore = runtime.version();
            journalBefore = runtime.journal();
            runtime.stop();
        }
        runtime.start();
        pause(3000);
        boolean restored = runtime.process().since(0).contains("Start-up restore done");
        boolean killSecond = random.nextBoolean();
        if (killSecond) {
            runtime.kill();
        } else {
            runtime.stop();
        }
        killed = killFirst || killSecond;
        if (killed) {
            journalBefore = runtime.journal();
        }
        runtime.start();
        return (killFirst ? "after a kill, " : "after a stop, ") + (killSecond ? "killed " : "stopped ")
                + (restored ? "after" : "during") + " the restore";
    }

    /** The checks once the runtime that the step started is up. */
    void check(String action, String step) throws Exception {
        if (action.equals("RESTART") || (action.equals("STOP_OR_KILL_MID_START") && !killed)) {
            runtime.checkPlainRestart(step, versionBefore, journalBefore);
            return;
        }
        if (atFirstKill != null && JournalLines.openIntent(atFirstKill, ChaosRuntime.UNIT).isPresent()) {
            runtime.awaitRestored();
            List<String> added = runtime.journal().subList(atFirstKill.size(), runtime.journal().size());
            assertTrue(step + ": the intent the first kill left open is INTERRUPTED: " + added,
                    added.stream().anyMatch(l -> JournalLines.kind(l).equals("INTERRUPTED")));
        }
        runtime.checkRestart(step, journalBefore, killed);
    }

    /** Starts an update or a rollback that takes long enough to be killed in; returns what. */
    private String startSomethingLong(List<String> present) throws Exception {
        RuntimeProcess process = runtime.process();
        if (runtime.version().equals("1.0.0")) {
            if (present.contains(SLOW)) {
                process.send("liveswap:apply " + jars.onShelf(SLOW));
            } else {
                jars.drop(SLOW);
            }
            try {
                Await.until("the slow update's intent", Duration.ofSeconds(10),
                        () -> JournalLines.openIntent(process.journal(), ChaosRuntime.UNIT).isPresent());
                return "slow update 1.0.0 -> 2.0.0" + (present.contains(SLOW) ? " (apply)" : " (drop)");
            } catch (AssertionError notTried) {
                return "slow update, not tried (" + JournalLines.outcome(process.journal(), ChaosRuntime.UNIT, "")
                        + ")";
            }
        }
        process.send("liveswap:rollback " + ChaosRuntime.UNIT);
        return "rollback from " + ChaosRuntime.outcome(process.journal());
    }

    /** Removes a jar or drops one (or both) while the runtime is stopped. */
    private String changeWhileStopped(List<String> present, List<String> absent) throws Exception {
        StringBuilder changed = new StringBuilder();
        if (!present.isEmpty() && random.nextBoolean()) {
            String jar = present.get(random.nextInt(present.size()));
            jars.delete(jar);
            changed.append("deleted ").append(jar).append(' ');
        }
        if (changed.length() == 0 && absent.isEmpty()) {
            String jar = present.get(random.nextInt(present.size()));
            jars.delete(jar);
            changed.append("deleted ").append(jar);
        } else if (!absent.isEmpty() && (changed.length() == 0 || random.nextBoolean())) {
            String jar = absent.get(random.nextInt(absent.size()));
            jars.drop(jar);
            changed.append("dropped ").append(jar);
        }
        return changed.toString().trim();
    }

    private void pause(int maxMillis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(random.nextInt(maxMillis + 1)); // a random moment for the fault, not a wait
    }
}
