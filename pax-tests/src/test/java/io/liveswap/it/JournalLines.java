package io.liveswap.it;

import java.util.List;
import java.util.Optional;

/**
 * Questions a test asks of the journal file's lines (tab-separated, see docs/UPDATES.md "The journal"), answered as
 * the platform's {@code JournalView} answers them, without the platform's classes: a black-box test must not share
 * the code it checks.
 */
final class JournalLines {

    private JournalLines() {
    }

    static String field(String line, int index) {
        String[] fields = line.split("\t", -1);
        return index < fields.length ? fields[index] : "";
    }

    static String kind(String line) {
        return field(line, 2);
    }

    static String unit(String line) {
        return field(line, 3);
    }

    /**
     * The unit's version after every commit and rollback in the journal: the {@code to} of its newest COMMITTED or
     * ROLLED_BACK record; if none, the version its first intent started from; else {@code initial}.
     */
    static String outcome(List<String> journal, String unit, String initial) {
        String before = null;
        for (int i = journal.size() - 1; i >= 0; i--) {
            String line = journal.get(i);
            if (!unit.equals(unit(line))) {
                continue;
            }
            if (kind(line).equals("COMMITTED") || kind(line).equals("ROLLED_BACK")) {
                return field(line, 5);
            }
            if (kind(line).equals("INTENT") && !field(line, 4).isEmpty()) {
                before = field(line, 4);
            }
        }
        return before == null ? initial : before;
    }

    /**
     * An INTENT with no outcome after it: an update or rollback under way (or, in a journal written by a process
     * that was killed, one the next start closes as INTERRUPTED).
     *
     * @return the open intent, if the unit's newest record is one
     */
    static Optional<String> openIntent(List<String> journal, String unit) {
        for (int i = journal.size() - 1; i >= 0; i--) {
            if (unit.equals(unit(journal.get(i)))) {
                return kind(journal.get(i)).equals("INTENT") ? Optional.of(journal.get(i)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Every INTENT is followed, before the unit's next INTENT, by a record that closes it. */
    static Optional<String> unclosedIntent(List<String> journal, String unit) {
        String open = null;
        for (String line : journal) {
            if (!unit.equals(unit(line))) {
                continue;
            }
            switch (kind(line)) {
                case "INTENT" -> {
                    if (open != null) {
                        return Optional.of(open);
                    }
                    open = line;
                }
                case "COMMITTED", "ABORTED", "ROLLED_BACK", "INTERRUPTED" -> open = null;
                default -> {
                }
            }
        }
        return Optional.ofNullable(open);
    }

    static long count(List<String> journal, String kind) {
        return journal.stream().filter(l -> kind(l).equals(kind)).count();
    }
}
