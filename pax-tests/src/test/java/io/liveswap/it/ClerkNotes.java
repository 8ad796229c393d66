package io.liveswap.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "No note lost", read from one runtime lifetime's output: the demo clerk logs how many notes it wrote and how many
 * the notebook holds; a write that failed is logged loudly ("could not write note") and counts as written. The
 * notebook's notes live in memory: a restart of the runtime promises units, versions, pending updates and history
 * (README), not the notes, so the count is checked within one lifetime only.
 *
 * <p>Within one life of the clerk, {@code holds - wrote + failed} is the number of notes the notebook held when the
 * clerk started, and must never change. The clerk starts again (its count back at 1) when its configuration arrives;
 * the notes its earlier life wrote are still in the notebook then: the new base is at least the old base plus what
 * the old life wrote and did not fail, as far as its last report shows.
 */
final class ClerkNotes {

    private static final Pattern LINE = Pattern.compile(
            "Clerk wrote (\\d+) notes; notebook .* holds (\\d+),|Clerk could not write note (\\d+)");

    private ClerkNotes() {
    }

    /** One report: what the clerk wrote in its current life, what the notebook held, writes that failed loudly. */
    record Report(int life, long wrote, long holds, long failed) {
        long base() {
            return holds - wrote + failed;
        }
    }

    /** @return the clerk's reports in an output, oldest first */
    static List<Report> reports(String output) {
        List<Report> reports = new ArrayList<>();
        Matcher m = LINE.matcher(output);
        long failed = 0;
        long lastWrote = 0;
        int life = 0;
        while (m.find()) {
            if (m.group(3) != null) {
                long note = Long.parseLong(m.group(3));
                if (note < lastWrote) {
                    failed = 0; // a failure of a new life of the clerk, before its first report
                    life++;
                }
                lastWrote = note;
                failed++;
                continue;
            }
            long wrote = Long.parseLong(m.group(1));
            if (wrote < lastWrote) {
                failed = 0; // the clerk started again: its count restarted
                life++;
            }
            lastWrote = wrote;
            reports.add(new Report(life, wrote, Long.parseLong(m.group(2)), failed));
        }
        return reports;
    }

    /**
     * Checks a lifetime's output.
     *
     * @return {@code null} if no note was lost, else what went wrong
     */
    static String lostNotes(String output) {
        List<Report> reports = reports(output);
        for (int i = 1; i < reports.size(); i++) {
            Report before = reports.get(i - 1);
            Report now = reports.get(i);
            if (now.life() == before.life()) {
                if (now.base() != before.base()) {
                    return "the notebook held " + before.holds() + " after the clerk wrote " + before.wrote() + " ("
                            + before.failed() + " failed), then " + now.holds() + " after " + now.wrote() + " ("
                            + now.failed() + " failed): " + (before.base() - now.base()) + " notes lost";
                }
            } else if (now.base() < before.base() + before.wrote() - before.failed()) {
                return "the clerk started again: its earlier life had " + (before.wrote() - before.failed())
                        + " notes in a notebook that held " + before.base() + " before them, but the notebook held "
                        + now.base() + " when the new life began";
            }
        }
        return null;
    }

    /** @return how many writes failed loudly in an output */
    static long failures(String output) {
        return Pattern.compile("Clerk could not write note").matcher(output).results().count();
    }
}
