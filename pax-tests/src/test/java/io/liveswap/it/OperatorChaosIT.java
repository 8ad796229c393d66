package io.liveswap.it;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

/**
 * A randomized operator, seeded and reproducible, drives the real runtime process: drops, slow copies, deletes,
 * duplicates and touches in the watched folder, {@code liveswap:rollback} and {@code liveswap:apply}, clean stops,
 * {@code kill -9} (at rest, during an update, during a rollback), stops and kills during the start-up restore, and
 * changes to the folder while the runtime is stopped. After every step has settled it checks what needs no model of
 * the operator (see {@link ChaosRuntime}): the unit serves the journal's outcome; a plain restart comes back at the
 * version before it and writes no record; a kill comes back at the journal's outcome with the open intent
 * INTERRUPTED; only complete jars are journaled; no note is lost within a lifetime.
 *
 * <p>{@code -Dliveswap.chaos.seed=N} replays a run (the seed is printed at the start and named by every failure);
 * {@code -Dliveswap.chaos.steps=N} sets its length: the default, 35 steps, takes about two minutes (restarts and kills
 * take 5-15 s each, folder and shell steps about one); 200 steps take about ten minutes.
 * For example: {@code mvn -q -pl pax-tests -am verify -Dit.test=OperatorChaosIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dliveswap.chaos.steps=200
 * -Dliveswap.chaos.seed=42}.
 */
public class OperatorChaosIT {

    private static final int DEFAULT_STEPS = 35;

    /** What the operator does, with how often (weights). */
    private enum Action {
        DROP(18), COPY_SLOWLY(7), DELETE(14), DUPLICATE(5), TOUCH(5), ROLLBACK(10), APPLY(7), RESTART(7),
        RESTART_WITH_CHANGES(5), KILL(4), KILL_MID_UPDATE(7), STOP_OR_KILL_MID_START(5);

        final int weight;

        Action(int weight) {
            this.weight = weight;
        }
    }

    @Test
    public void theRunningVersionAlwaysEqualsTheJournalsOutcome() throws Exception {
        long seed = Long.getLong("liveswap.chaos.seed", System.nanoTime());
        int steps = Integer.getInteger("liveswap.chaos.steps", DEFAULT_STEPS);
        Random random = new Random(seed);
        String name = "seed " + seed;
        System.err.println("OperatorChaosIT: -Dliveswap.chaos.seed=" + seed + " -Dliveswap.chaos.steps=" + steps);

        Path folder = Files.createTempDirectory("liveswap-chaos");
        Files.createDirectories(folder.resolve("deploy"));
        // the clerk writes a note every 10 ms and reports every 10 notes
        Files.writeString(folder.resolve("deploy/io.liveswap.demo.clerk.cfg"), "intervalMillis=10\nreportEvery=10\n");
        ChaosFolder jars = new ChaosFolder(folder.resolve("deploy"), Files.createTempDirectory("liveswap-shelf"));
        ChaosRuntime runtime = new ChaosRuntime(folder, jars, name);
        ChaosRestarts restarts = new ChaosRestarts(runtime, jars, random);
        Map<Action, Integer> done = new EnumMap<>(Action.class);
        List<String> trail = new ArrayList<>();
        long began = System.nanoTime();
        runtime.start();
        try {
            runtime.awaitRestored();
            runtime.settle();
            runtime.check(name + ", start");
            for (int step = 1; step <= steps; step++) {
                Action action = pick(random);
                long stepBegan = System.nanoTime();
                String what = perform(action, runtime, restarts, jars, random);
                String label = name + ", step " + step + " " + action + " " + what;
                trail.add(step + " " + action + " " + what);
                if (!action.name().contains("RESTART") && !action.name().contains("KILL")) {
                    runtime.settle();
                    runtime.check(label);
                } else {
                    restarts.check(action.name(), label);
                }
                System.err.println("OperatorChaosIT: " + label + " -> " + ChaosRuntime.outcome(runtime.journal())
                        + " (" + Duration.ofNanos(System.nanoTime() - stepBegan).toMillis() + " ms)");
                done.merge(action, 1, Integer::sum);
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n--- steps of " + name + ":\n" + String.join("\n", trail), e);
        } finally {
            runtime.process().close();
        }
        List<String> journal = runtime.journal();
        System.err.println("OperatorChaosIT: " + name + ", " + steps + " steps in "
                + Duration.ofNanos(System.nanoTime() - began).toSeconds() + " s, " + runtime.lifetimes()
                + " lifetimes, " + done + ", journal " + journal.size() + " records: COMMITTED "
                + JournalLines.count(journal, "COMMITTED") + ", ROLLED_BACK "
                + JournalLines.count(journal, "ROLLED_BACK") + ", ABORTED " + JournalLines.count(journal, "ABORTED")
                + ", REFUSED " + JournalLines.count(journal, "REFUSED") + ", INTERRUPTED "
                + JournalLines.count(journal, "INTERRUPTED"));
        if (steps >= DEFAULT_STEPS) {
            assertTrue(name + ": the run updated the unit: " + journal, JournalLines.count(journal, "COMMITTED") > 0);
        }
    }

    private static Action pick(Random random) {
        int total = 0;
        for (Action a : Action.values()) {
            total += a.weight;
        }
        int at = random.nextInt(total);
        for (Action a : Action.values()) {
            at -= a.weight;
            if (at < 0) {
                return a;
            }
        }
        throw new IllegalStateException();
    }

    /** Does one step; returns what it did, for the trail. */
    private static String perform(Action action, ChaosRuntime runtime, ChaosRestarts restarts, ChaosFolder jars,
            Random random) throws Exception {
        List<String> present = jars.present();
        List<String> absent = new ArrayList<>(jars.names());
        absent.removeAll(present);
        if ((action == Action.DROP || action == Action.COPY_SLOWLY) && absent.isEmpty()) {
            action = Action.DELETE; // every jar is in the folder already
        } else if (action == Action.DELETE && present.isEmpty()) {
            action = Action.DROP;
        }
        switch (action) {
            case DROP, COPY_SLOWLY -> {
                String jar = absent.get(random.nextInt(absent.size()));
                if (action == Action.DROP) {
                    jars.drop(jar);
                    return "dropped " + jar;
                }
                jars.copySlowly(jar, random);
                return "copied slowly " + jar;
            }
            case DELETE, DUPLICATE, TOUCH -> {
                if (present.isEmpty()) {
                    return "(folder empty)";
                }
                String jar = present.get(random.nextInt(present.size()));
                if (action == Action.DELETE) {
                    jars.delete(jar);
                    return "deleted " + jar;
                } else if (action == Action.TOUCH) {
                    jars.touch(jar);
                } else {
                    return jar + " as " + jars.duplicate(jar);
                }
                return jar;
            }
            case ROLLBACK -> {
                return String.join(" / ", runtime.process().typed("liveswap:rollback " + ChaosRuntime.UNIT));
            }
            case APPLY -> {
                String jar = jars.names().get(random.nextInt(jars.names().size()));
                return jar + ": " + String.join(" / ", runtime.process().typed("liveswap:apply " + jars.onShelf(jar)));
            }
            default -> {
                return restarts.perform(action.name(), present, absent);
            }
        }
    }
}
