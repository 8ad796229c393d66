package io.liveswap.updates.journal;

import java.util.ArrayList;
import java.util.List;

import io.liveswap.api.Reason;

/**
 * One line of the journal: tab-separated fields, with backslash, tab and line breaks escaped. Empty fields are
 * {@code null}.
 *
 * <p>Format: sequence, time, kind, unit, from, to, file, SHA-256, message, then (since outcomes carry codes) the
 * reason and the pause, drain and transfer times in microseconds, then (since updates have probation) the end of a
 * COMMITTED update's probation in milliseconds since the epoch. Lines of the second format (13 fields) read with no
 * probation. Lines of the first format (nine fields) are read
 * with {@link Reason#UNKNOWN} for a failed outcome, else {@link Reason#NONE}, and {@link Timings#NONE}.
 */
public record JournalRecord(long sequence, long time, RecordKind kind, String unit, String from, String to,
        String file, String sha256, String message, Reason reason, Timings timings, long probationUntil) {

    private static final int FIRST_FORMAT_FIELDS = 9;
    private static final int CODES_FORMAT_FIELDS = 13;
    private static final int FIELDS = 14;

    /** A record to append: the journal gives it its sequence number and time. */
    public static JournalRecord draft(RecordKind kind, Reason reason, String unit, String from, String to,
            String file, String sha256, String message, Timings timings) {
        return new JournalRecord(0, 0, kind, unit, from, to, file, sha256, message, reason, timings, 0);
    }

    /**
     * @param until the end of the update's probation, in milliseconds since the epoch (a COMMITTED record's)
     * @return this record with that probation
     */
    public JournalRecord onProbationUntil(long until) {
        return new JournalRecord(sequence, time, kind, unit, from, to, file, sha256, message, reason, timings, until);
    }

    /** @return whether the update this COMMITTED record journals began a probation */
    public boolean onProbation() {
        return probationUntil > 0;
    }

    JournalRecord stamped(long newSequence, long newTime) {
        return new JournalRecord(newSequence, newTime, kind, unit, from, to, file, sha256, message, reason, timings,
                probationUntil);
    }

    String encode() {
        return String.join("\t", Long.toString(sequence), Long.toString(time), kind.name(), escape(unit),
                escape(from), escape(to), escape(file), escape(sha256), escape(message),
                reason == Reason.NONE ? "" : reason.name(), number(timings.pauseMicros()),
                number(timings.drainMicros()), number(timings.transferMicros()),
                probationUntil > 0 ? Long.toString(probationUntil) : "");
    }

    /**
     * @throws IllegalArgumentException if the line is not a journal record of either format
     */
    static JournalRecord decode(String line) {
        List<String> fields = split(line);
        if (fields.size() != FIELDS && fields.size() != CODES_FORMAT_FIELDS && fields.size() != FIRST_FORMAT_FIELDS) {
            throw new IllegalArgumentException("a journal record has " + FIELDS + " fields (" + CODES_FORMAT_FIELDS
                    + " before probation, " + FIRST_FORMAT_FIELDS + " before outcomes had codes), this line has "
                    + fields.size());
        }
        RecordKind kind;
        try {
            kind = RecordKind.valueOf(fields.get(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + fields.get(2) + "' is not a kind of journal record", e);
        }
        boolean first = fields.size() == FIRST_FORMAT_FIELDS;
        try {
            return new JournalRecord(Long.parseLong(fields.get(0)), Long.parseLong(fields.get(1)), kind,
                    blank(fields.get(3)), blank(fields.get(4)), blank(fields.get(5)), blank(fields.get(6)),
                    blank(fields.get(7)), blank(fields.get(8)),
                    first ? (kind.failed() ? Reason.UNKNOWN : Reason.NONE) : reason(fields.get(9)),
                    first ? Timings.NONE : new Timings(micros(fields.get(10)), micros(fields.get(11)),
                            micros(fields.get(12))),
                    fields.size() == FIELDS && !fields.get(13).isEmpty() ? Long.parseLong(fields.get(13)) : 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad sequence, time or duration: " + e.getMessage(), e);
        }
    }

    /** A reason this version does not know (written by a newer one) reads as {@link Reason#UNKNOWN}. */
    private static Reason reason(String name) {
        if (name.isEmpty()) {
            return Reason.NONE;
        }
        try {
            return Reason.valueOf(name);
        } catch (IllegalArgumentException newer) {
            return Reason.UNKNOWN;
        }
    }

    private static String number(long micros) {
        return micros < 0 ? "" : Long.toString(micros);
    }

    private static long micros(String field) {
        return field.isEmpty() ? -1 : Long.parseLong(field);
    }

    private static String blank(String value) {
        return value.isEmpty() ? null : value;
    }

    private static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                fields.add(current.toString());
                current.setLength(0);
            } else if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(++i);
                current.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
