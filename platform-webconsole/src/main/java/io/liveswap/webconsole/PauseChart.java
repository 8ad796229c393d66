package io.liveswap.webconsole;

import java.util.List;
import java.util.Locale;

import io.liveswap.updates.UpdateRecordDTO;

/**
 * A small inline SVG bar chart of one unit's recent pauses (the journal's committed updates and rollbacks, oldest
 * left): no script, no external resource. Each bar has a tooltip with the version and the pause.
 */
final class PauseChart {

    static final int WIDTH = 320;
    static final int HEIGHT = 80;

    private PauseChart() {
    }

    /** @param swaps the unit's records with a measured pause, oldest first (at most the chart's capacity) */
    static String svg(String unit, List<UpdateRecordDTO> swaps) {
        StringBuilder out = new StringBuilder();
        out.append("<svg class=\"liveswap-chart\" role=\"img\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT + 16).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT + 16)
                .append("\" aria-label=\"").append(Html.text("pauses of " + unit)).append("\">");
        if (swaps.isEmpty()) {
            out.append("<text x=\"4\" y=\"20\" font-size=\"11\">no swap yet</text></svg>");
            return out.toString();
        }
        long max = Math.max(1, swaps.stream().mapToLong(r -> r.pauseMicros).max().orElse(1));
        int slot = WIDTH / Math.max(swaps.size(), 10);
        for (int i = 0; i < swaps.size(); i++) {
            UpdateRecordDTO r = swaps.get(i);
            int height = (int) Math.max(1, Math.round((double) r.pauseMicros * HEIGHT / max));
            out.append("<rect x=\"").append(i * slot + 1).append("\" y=\"").append(HEIGHT - height)
                    .append("\" width=\"").append(Math.max(1, slot - 2)).append("\" height=\"").append(height)
                    .append("\" fill=\"").append("ROLLED_BACK".equals(r.kind) ? "#c77c1e" : "#3a7bd5").append("\">")
                    .append("<title>").append(Html.text(r.kind + " " + r.to + ": pause " + r.pauseMicros + " µs"))
                    .append("</title></rect>");
        }
        out.append("<text x=\"0\" y=\"").append(HEIGHT + 13).append("\" font-size=\"11\">max ")
                .append(Html.text(micros(max))).append(", last ").append(swaps.size()).append(" swaps</text></svg>");
        return out.toString();
    }

    static String micros(long micros) {
        return micros >= 10_000 ? String.format(Locale.ROOT, "%.1f ms", micros / 1000.0) : micros + " µs";
    }
}
