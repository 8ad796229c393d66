package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Shell input the {@code liveswap:} commands cannot take, typed at the real runtime's console: each answer is one
 * line naming the cause and the remedy, never a Gogo coercion error, an exception or an empty table.
 */
public class ShellInputIT {

    private static Path folder;
    private static RuntimeProcess runtime;

    @BeforeClass
    public static void start() throws Exception {
        folder = Files.createTempDirectory("liveswap-shell");
        runtime = RuntimeProcess.start(folder);
        runtime.await("the notebook serves", () -> {
            try {
                return String.join("\n", runtime.typed("liveswap:units")).contains("notebook  1.0.0");
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    @AfterClass
    public static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    public void missingAndExtraArgumentsNameTheUsage() throws Exception {
        assertAnswer("liveswap:status", "liveswap:status takes 1 argument, the unit name (got 0)",
                "Usage: liveswap:status <unit>");
        assertAnswer("liveswap:status notebook extra", "(got 2: notebook extra)", "Usage: liveswap:status <unit>");
        assertAnswer("liveswap:units extra", "liveswap:units takes no arguments (got 1: extra)");
        assertAnswer("liveswap:pending extra", "liveswap:pending takes no arguments");
        assertAnswer("liveswap:interceptors extra", "liveswap:interceptors takes no arguments");
        assertAnswer("liveswap:history a b", "liveswap:history takes 0 or 1 argument", "[unit]");
        assertAnswer("liveswap:apply", "liveswap:apply takes 1 argument", "Usage: liveswap:apply <jar>");
        assertAnswer("liveswap:apply a.jar b.jar", "(got 2: a.jar b.jar)");
        assertAnswer("liveswap:rollback", "liveswap:rollback takes 1 argument");
        assertAnswer("liveswap:rollback notebook now", "liveswap:rollback takes 1 argument");
        assertAnswer("liveswap:migrate", "liveswap:migrate takes 1 argument");
        assertAnswer("liveswap:uninterpose", "liveswap:uninterpose takes 1 argument");
        assertAnswer("liveswap:uninterpose 1 2", "liveswap:uninterpose takes 1 argument");
        assertAnswer("liveswap:accept", "liveswap:accept takes 1 argument", "Usage: liveswap:accept <unit>");
        assertAnswer("liveswap:withdraw notebook", "liveswap:withdraw takes 2 arguments",
                "Usage: liveswap:withdraw <unit> <version>");
        assertAnswer("liveswap:probation extra", "liveswap:probation takes no arguments");
        assertAnswer("liveswap:fleet extra", "liveswap:fleet takes no arguments");
    }

    @Test
    public void unknownUnitsAndInterceptorsAreNamed() throws Exception {
        for (String command : List.of("status", "history", "rollback", "migrate", "accept")) {
            assertAnswer("liveswap:" + command + " nosuch", "liveswap:" + command + ": unknown unit 'nosuch'"
                    + " (known units: notebook)", "liveswap:units lists them");
        }
        assertAnswer("liveswap:uninterpose 999", "no interceptor has ID 999", "liveswap:interceptors lists them");
        assertAnswer("liveswap:uninterpose abc", "the interceptor's ID, a number (got 'abc')");
        assertAnswer("liveswap:migrate notebook", "liveswap:migrate notebook: ", "only multi-instance units");
        assertAnswer("liveswap:withdraw nosuch 2.0.0", "liveswap:withdraw: unknown unit 'nosuch'");
        assertAnswer("liveswap:withdraw notebook x.y", "'x.y' is not a version (e.g. 2.0.0)");
        assertAnswer("liveswap:accept notebook", "unit 'notebook' is not on probation");
        assertAnswer("liveswap:fleet", "this container is in no fleet: configure io.liveswap.fleet connect");
    }

    @Test
    public void applyAcceptsAFileAndNamesTheResolvedPath() throws Exception {
        String accepted = "liveswap:apply takes the path of an update bundle jar (absolute, or relative to "
                + folder.toRealPath();
        assertAnswer("liveswap:apply deploy", accepted, folder.toRealPath().resolve("deploy") + " is a folder");
        assertAnswer("liveswap:apply nofile.jar", accepted, "there is no file "
                + folder.toRealPath().resolve("nofile.jar"));
        assertAnswer("liveswap:apply http://example.com/u.jar", accepted, "is a http URL: download it");
        assertAnswer("liveswap:apply file:" + folder.toRealPath().resolve("gone.jar"), "there is no file");
        assertTrue("input errors are not journaled: " + runtime.journal(), runtime.journal().stream()
                .noneMatch(line -> line.contains("UNREADABLE") || line.contains("nofile")));
        Path jar = UpdateJars.headersOnly("unknown.jar", "nosuch", "2.0.0", "1.0.0");
        assertAnswer("liveswap:apply " + jar, "REFUSED [UNKNOWN_UNIT] nosuch 2.0.0: ");
    }

    /** The command answers exactly one line, holding every expected part, and no Gogo error. */
    private static void assertAnswer(String command, String... parts) throws Exception {
        List<String> answer = runtime.typed(command);
        String text = String.join("\n", answer);
        assertEquals(command + " answers one line: " + text, 1, answer.size());
        for (String part : parts) {
            assertTrue(command + " names '" + part + "': " + text, text.contains(part));
        }
        assertFalse(command + ": " + text, text.contains("gogo:") || text.contains("Exception")
                || text.contains("coerce"));
    }
}
