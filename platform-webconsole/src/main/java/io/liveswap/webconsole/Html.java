package io.liveswap.webconsole;

/**
 * HTML escaping of every value the page shows: unit names, versions, journal messages and file names come from
 * bundles and files, so each one is escaped, in text and in attribute values alike.
 */
final class Html {

    private Html() {
    }

    /** @return the value with {@code & < > " '} escaped; {@code "-"} for {@code null} */
    static String text(Object value) {
        if (value == null) {
            return "-";
        }
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
