package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Test;

/**
 * Erlang's rule on the real runtime process: a restart during an update's probation, after {@code kill -9} or an
 * orderly stop, comes back on the last accepted version, journals REVERTED ({@code PROBATION_RESTART}) and does not
 * apply the update's jar from the watched folder again; an accepted update survives restarts without a record.
 */
public class ProbationRestartIT {

    private static final String LONG_PROBATION = "-Dliveswap.probation.seconds=600";

    @Test
    public void aRestartDuringProbationComesBackOnTheLastAcceptedVersion() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-probation-restart");
        Path jar;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder, LONG_PROBATION)) {
            jar = UpdateJars.drop("demo-notebook-v2", runtime.deploy(), "notebook-2.0.0.jar");
            runtime.await("2.0.0 committed", () -> last(runtime.journal()).contains("\tCOMMITTED\t"));
            assertTrue(String.join("\n", runtime.typed("liveswap:probation")).contains("2.0.0"));
            runtime.kill(); // kill -9: no shutdown hook, no framework stop
        }

        try (RuntimeProcess runtime = RuntimeProcess.start(folder, LONG_PROBATION)) {
            List<String> journal = runtime.journal();
            assertEquals("REVERTED", field(last(journal), 2));
            assertEquals("PROBATION_RESTART", field(last(journal), 9));
            assertEquals("2.0.0 -> 1.0.0", field(last(journal), 4) + " -> " + field(last(journal), 5));
            awaitServing(runtime, "1.0.0");
            // the folder reports its files again after the start-up restore: wait for that, then for its verdict
            runtime.await("the folder lists the reverted jar as REVERTED", () -> {
                try {
                    return runtime.typed("liveswap:folder").stream()
                            .anyMatch(line -> line.startsWith("notebook-2.0.0.jar") && line.contains("REVERTED"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertEquals("the folder does not apply the reverted jar again", journal, runtime.journal());

            runtime.command("liveswap:apply " + jar, "COMMITTED");
            awaitServing(runtime, "2.0.0");
        } // an orderly stop, still on probation

        List<String> accepted;
        try (RuntimeProcess runtime = RuntimeProcess.start(folder, LONG_PROBATION)) {
            assertEquals("REVERTED", field(last(runtime.journal()), 2));
            awaitServing(runtime, "1.0.0");
            runtime.command("liveswap:apply " + jar, "COMMITTED");
            runtime.command("liveswap:accept notebook", "ACCEPTED");
            runtime.await("ACCEPTED journaled", () -> last(runtime.journal()).contains("\tACCEPTED\t"));
            accepted = runtime.journal();
        }

        try (RuntimeProcess runtime = RuntimeProcess.start(folder, LONG_PROBATION)) {
            awaitServing(runtime, "2.0.0");
            assertEquals("an accepted update survives a restart without a record", accepted, runtime.journal());
        }
    }

    private static void awaitServing(RuntimeProcess runtime, String version) {
        runtime.await("notebook serves " + version, () -> {
            try {
                return runtime.typed("liveswap:units").stream()
                        .anyMatch(line -> line.startsWith("notebook ") && line.contains(" " + version + " ")
                                && line.contains("serving"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String last(List<String> journal) {
        return journal.isEmpty() ? "" : journal.get(journal.size() - 1);
    }

    private static String field(String line, int index) {
        return line.split("\t", -1)[index];
    }
}
