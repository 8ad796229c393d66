package io.liveswap.updates.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the journal: tab-separated fields, with backslash, tab and line breaks escaped. Empty fields are
 * {@code null}.
 */
public record JournalRecord(long sequence, long time, String kind, String unit, String from, String to, String file,
        String sha256, String message) {

    private static final int FIELDS = 9;

    String encode() {
        return String.join("\t", Long.toString(sequence), Long.toString(time), escape(kind), escape(unit),
                escape(from), escape(to), escape(file), escape(sha256), escape(message));
    }

    /**
     * @throws IllegalArgumentException if the line is not a journal record
     */
    static JournalRecord decode(String line) {
        List<String> fields = split(line);
        if (fields.size() != FIELDS) {
            throw new IllegalArgumentException("a journal record has " + FIELDS + " fields, this line has "
                    + fields.size());
        }
        try {
            return new JournalRecord(Long.parseLong(fields.get(0)), Long.parseLong(fields.get(1)), blank(fields.get(2)),
                    blank(fields.get(3)), blank(fields.get(4)), blank(fields.get(5)), blank(fields.get(6)),
                    blank(fields.get(7)), blank(fields.get(8)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad sequence or time: " + e.getMessage(), e);
        }
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
