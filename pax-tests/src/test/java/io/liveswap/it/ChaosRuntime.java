package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real runtime under a randomized operator, one lifetime after the other on the same working folder, with the
 * checks that need no model of what the operator did: the unit serves the journal's outcome, the journal only
 * grows and closes every intent, no torn copy is ever journaled, no note is lost within a lifetime.
 */
final class ChaosRuntime {

    static final String UNIT = "notebook";
    private static final String BUILT_IN = "1.0.0";
    private static final Pattern RESTORED = Pattern.compile("Start-up restore done: \\[([^\\]]*)\\]");

    private final Path folder;
    private final ChaosFolder jars;
    private final String seed;
    private RuntimeProcess runtime;
    /** The journal as last seen: every later journal starts with it. */
    private List<String> journal = List.of();
    private int lifetimes;

    ChaosRuntime(Path folder, ChaosFolder jars, String seed) {
        this.folder = folder;
        this.jars = jars;
        this.seed = seed;
    }

    RuntimeProcess process() {
        return runtime;
    }

    int lifetimes() {
        return lifetimes;
    }

    /** Starts a lifetime; returns once the runtime's console is up (the restore may still run). */
    void start() throws Exception {
        runtime = RuntimeProcess.startRestoring(folder);
        lifetimes++;
    }

    /**
     * @return the version the start-up restore reported, once it is done (it names the units of the journal: a
     *         unit the journal never changed is at its built-in version)
     */
    String awaitRestored() {
        runtime.awaitSince(0, "Start-up restore done");
        Matcher m = RESTORED.matcher(runtime.since(0));
        assertTrue(seed + ": the restore says where it left the units: " + runtime.since(0), m.find());
        Matcher unit = Pattern.compile("\\b" + UNIT + " (\\S+?)(,|$)").matcher(m.group(1));
        return unit.find() ? unit.group(1) : BUILT_IN;
    }

    /** A clean stop, as an operator's: the console closed, the framework stopped. */
    void stop() throws Exception {
        checkNotes();
        runtime.close();
        assertNotEquals(seed + ": the runtime stopped by itself, it was not killed", 137,
                runtime.awaitExit(Duration.ofSeconds(1)));
    }

    /** {@code kill -9}: no shutdown hook, no framework stop. */
    void kill() throws Exception {
        checkNotes();
        runtime.kill();
    }

    /** Drops the runtime of a lifetime that ended without the checks (e.g. killed during its start). */
    void killQuietly() throws Exception {
        runtime.kill();
    }

    List<String> journal() {
        return runtime.journal();
    }

    /**
     * Waits until every change made to the watched folder so far is handled ({@link WatcherSentinel}), no update
     * is under way, and the clerk has written again.
     */
    void settle() throws Exception {
        WatcherSentinel.awaitHandled(runtime);
        runtime.typed("liveswap:pending"); // queues behind an update the start-up restore resumes
        runtime.await("no update under way", () -> JournalLines.openIntent(runtime.journal(), UNIT).isEmpty());
        int mark = runtime.mark();
        runtime.await("the clerk writes", () -> runtime.since(mark).contains("Clerk wrote"));
    }

    /** @return the unit's version as {@code liveswap:units} shows it; fails unless it is serving */
    String version() throws Exception {
        for (String line : runtime.typed("liveswap:units")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length > 2 && columns[0].equals(UNIT)) {
                assertEquals(seed + ": the unit serves one version: " + line, "serving", columns[2]);
                return columns[1];
            }
        }
        fail(seed + ": liveswap:units does not list " + UNIT);
        return null;
    }

    /** The journal's outcome for the unit. */
    static String outcome(List<String> journal) {
        return JournalLines.outcome(journal, UNIT, BUILT_IN);
    }

    /** The checks after every settled step. */
    void check(String step) throws Exception {
        List<String> now = runtime.journal();
        assertEquals(step + ": the journal only grows: it still starts with what it held", journal,
                now.subList(0, Math.min(journal.size(), now.size())));
        assertEquals(step + ": the unit serves the journal's outcome\n" + String.join("\n", now), outcome(now),
                version());
        Optional<String> unclosed = JournalLines.unclosedIntent(now, UNIT);
        assertTrue(step + ": every intent is closed (by an outcome or INTERRUPTED): " + unclosed, unclosed.isEmpty());
        for (String line : now) {
            String sha256 = JournalLines.field(line, 7);
            assertTrue(step + ": only complete jars are journaled, never a torn copy: " + line,
                    sha256.isEmpty() || jars.knownSha256().contains(sha256));
            assertNotEquals(step + ": a file still being copied is waited for, not refused: " + line, "INCOMPLETE",
                    JournalLines.field(line, 9));
        }
        checkNotes();
        journal = now;
    }

    /** After a clean stop and a start on an unchanged folder: the same version, and not one record more. */
    void checkPlainRestart(String step, String versionBefore, List<String> journalBefore) throws Exception {
        assertEquals(step + ": the restore comes back at the version before the stop", versionBefore,
                awaitRestored());
        settle();
        assertEquals(step + ": a plain restart writes no record", journalBefore, runtime.journal());
        check(step);
    }

    /**
     * After a stop with changes to the folder, or a {@code kill -9}, and a start: the journal kept what it held
     * before, and a kill's open intent is closed as INTERRUPTED (a clean stop leaves none); the restore came back
     * at the journal's outcome before, or below it where the start rolled back a removed file's update; then every
     * check holds.
     */
    void checkRestart(String step, List<String> before, boolean killed) throws Exception {
        String restored = awaitRestored();
        List<String> now = runtime.journal();
        assertEquals(step + ": the journal kept what it held before", before, now.subList(0,
                Math.min(before.size(), now.size())));
        List<String> added = now.subList(before.size(), now.size());
        if (killed && JournalLines.openIntent(before, UNIT).isPresent()) {
            assertTrue(step + ": the open intent is closed as INTERRUPTED: " + added,
                    added.stream().anyMatch(l -> JournalLines.kind(l).equals("INTERRUPTED")));
        }
        if (!killed) {
            assertTrue(step + ": after a clean stop nothing is INTERRUPTED: " + added,
                    added.stream().noneMatch(l -> JournalLines.kind(l).equals("INTERRUPTED")));
        }
        String expected = outcome(before);
        if (!restored.equals(expected)) {
            assertTrue(step + ": the restore came back at " + restored + ", not at " + expected
                    + " (the journal's outcome before), and no removed file was rolled back: " + added,
                    added.stream().anyMatch(l -> JournalLines.kind(l).equals("ROLLED_BACK")
                            && JournalLines.field(l, 8).contains("its file was removed")));
        }
        settle();
        check(step);
    }

    /** No note lost in this lifetime, as far as the clerk has reported. */
    void checkNotes() {
        String lost = ClerkNotes.lostNotes(runtime.since(0));
        assertNull(seed + ", lifetime " + lifetimes + ": " + lost, lost);
    }

    /** @return how many of this lifetime's writes failed loudly */
    long failedWrites() {
        return ClerkNotes.failures(runtime.since(0));
    }
}
