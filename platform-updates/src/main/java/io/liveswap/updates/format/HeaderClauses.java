package io.liveswap.updates.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.liveswap.api.Reason;

/**
 * Splits an OSGi manifest header ({@code Provide-Capability}, {@code Require-Capability}) into clauses: a namespace
 * and its attributes and directives ({@code name=value}, {@code name:Type=value}, {@code name:=value}; values may
 * be quoted). Types are dropped.
 */
final class HeaderClauses {

    /** One clause. */
    record Clause(String namespace, Map<String, String> parameters) {
    }

    private HeaderClauses() {
    }

    static List<Clause> parse(String header) throws InvalidUpdateException {
        List<Clause> clauses = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return clauses;
        }
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            String namespace = parts.get(0).trim();
            if (namespace.isEmpty()) {
                throw new InvalidUpdateException(Reason.MALFORMED_HEADER,
                        "malformed manifest header: an empty clause in '" + header + "'");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String part : parts.subList(1, parts.size())) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidUpdateException(Reason.MALFORMED_HEADER, "malformed manifest header: '"
                            + part.trim() + "' in clause '"
                            + namespace + "' is not name=value");
                }
                String name = part.substring(0, eq).trim();
                if (name.endsWith(":")) {
                    name = name.substring(0, name.length() - 1) + ":"; // directive: keep the marker
                } else if (name.contains(":")) {
                    name = name.substring(0, name.indexOf(':')); // typed attribute: drop the type
                }
                parameters.put(name, unquote(part.substring(eq + 1).trim()));
            }
            clauses.add(new Clause(namespace, parameters));
        }
        return clauses;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** Splits on a separator outside double quotes. */
    private static List<String> split(String text, char separator) throws InvalidUpdateException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw new InvalidUpdateException(Reason.MALFORMED_HEADER,
                    "malformed manifest header: unbalanced quotes in '" + text + "'");
        }
        out.add(current.toString());
        return out;
    }
}
