package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * The README's plain-OSGi path, typed at the real runtime's console as an operator would: Gogo's own {@code update}
 * and {@code refresh} commands on the running notebook's bundle. The update is mediated: the demo clerk never
 * loses a note.
 */
public class PlainUpdateShellIT {

    private static final Pattern REPORT = Pattern.compile("Clerk wrote (\\d+) notes; notebook .* holds (\\d+),");

    @Test
    public void updateWithAUrlAndRefreshOfTheBundleKeepEveryNote() throws Exception {
        try (RuntimeProcess runtime = startWithAChattyClerk("liveswap-plain")) {
            long extra = notesBeyondTheClerksCount(runtime);
            String id = bundleId(runtime, "io.liveswap.demo.notebook.list");

            int mark = runtime.mark();
            runtime.command("update " + id + " " + Platform.location("demo-notebook-v2"),
                    "now points to version 2.0.0");
            runtime.command("refresh " + id, "g!");
            runtime.awaitSince(mark, "moved from 2.0.0 to 2.0.0 with its state");
            int afterRefresh = runtime.mark();
            runtime.awaitSince(afterRefresh, "notes; notebook");
            runtime.await("two clerk reports after the refresh", () -> reports(runtime.since(afterRefresh)).size() >= 2);

            String log = runtime.since(mark);
            assertFalse(log, log.contains("Exception"));
            assertFalse(log, log.contains("could not write note"));
            for (long[] report : reports(runtime.since(afterRefresh))) {
                assertEquals("the notebook holds every note the clerk wrote", report[0] + extra, report[1]);
            }
            String units = runtime.command("liveswap:units", "notebook ");
            assertTrue(units, units.contains("2.0.0    serving"));
        }
    }

    /**
     * A plain update to a version that cannot take the running version's state (3.0.0's hook refuses the notes of
     * 1.0.0). It cannot be refused, so the unit goes out of service, calls fail naming the cause, and the state
     * waits: updating the bundle back brings every note back.
     */
    @Test
    public void aPlainUpdateToAVersionThatCannotTakeTheStateTakesTheUnitOutOfServiceWithoutLosingIt()
            throws Exception {
        try (RuntimeProcess runtime = startWithAChattyClerk("liveswap-plain-refused")) {
            long extra = notesBeyondTheClerksCount(runtime);
            String id = bundleId(runtime, "io.liveswap.demo.notebook.list");

            int mark = runtime.mark();
            runtime.command("update " + id + " " + Platform.location("demo-notebook-v3-broken"), "is out of service");
            runtime.awaitSince(mark, "could not write note");
            String outage = runtime.since(mark);
            assertTrue(outage, outage.contains("cannot take the state of 1.0.0"));
            assertFalse("3.0.0 never serves without the state", outage.contains("now points to version 3.0.0"));
            assertTrue(runtime.command("liveswap:units", "notebook ").contains("notebook"));

            runtime.command("update " + id + " " + Platform.location("demo-notebook-v1"),
                    "moved from 1.0.0 to 1.0.0 with its state");
            int back = runtime.mark();
            runtime.await("two clerk reports after the notebook is back",
                    () -> reports(runtime.since(back)).size() >= 2);
            long failed = count(runtime.since(mark), "Clerk could not write note");
            assertTrue("the outage was visible to the caller", failed > 0);
            for (long[] report : reports(runtime.since(back))) {
                assertEquals("the notebook holds every note written, less those whose write failed loudly",
                        report[0] + extra - failed, report[1]);
            }
        }
    }

    /** The real runtime in a new folder, its demo clerk reporting often, once it has written 60 notes. */
    private static RuntimeProcess startWithAChattyClerk(String name) throws Exception {
        Path folder = Files.createTempDirectory(name);
        Files.createDirectories(folder.resolve("deploy"));
        Files.writeString(folder.resolve("deploy/io.liveswap.demo.clerk.cfg"), "intervalMillis=5\nreportEvery=20\n");
        RuntimeProcess runtime = RuntimeProcess.start(folder);
        runtime.awaitOutput("Clerk wrote 60 notes", java.time.Duration.ofSeconds(30));
        return runtime;
    }

    /**
     * Notes written before the configuration reached the clerk (it restarts its count then) stay in the notebook:
     * what must not change across an update is how many more notes it holds than the clerk counts.
     */
    private static long notesBeyondTheClerksCount(RuntimeProcess runtime) {
        List<long[]> before = reports(runtime.since(0));
        return before.get(before.size() - 1)[1] - before.get(before.size() - 1)[0];
    }

    private static long count(String text, String what) {
        return Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    /** The id of the bundle with this symbolic name, read from {@code lb -s}. */
    static String bundleId(RuntimeProcess runtime, String symbolicName) throws Exception {
        String lb = runtime.command("lb -s " + symbolicName, symbolicName);
        Matcher m = Pattern.compile("(?m)^\\s*(\\d+)\\|Active.*" + Pattern.quote(symbolicName)).matcher(lb);
        assertTrue(lb, m.find());
        return m.group(1);
    }

    private static List<long[]> reports(String log) {
        List<long[]> reports = new ArrayList<>();
        Matcher m = REPORT.matcher(log);
        while (m.find()) {
            reports.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return reports;
    }
}
