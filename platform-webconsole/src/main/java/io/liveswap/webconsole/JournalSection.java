package io.liveswap.webconsole;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.liveswap.api.Reason;
import io.liveswap.updates.UpdateRecordDTO;

/** The pending updates and the journal as a timeline (newest first). */
final class JournalSection {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private JournalSection() {
    }

    static void pending(PrintWriter out, List<UpdateRecordDTO> pending) {
        out.println("<h2>Pending updates</h2>");
        if (pending.isEmpty()) {
            out.println("<p id=\"liveswap-pending\">None: no update waits for its predecessor.</p>");
            return;
        }
        out.println("<table class=\"nicetable\" id=\"liveswap-pending\"><thead><tr><th>Unit</th><th>From</th>"
                + "<th>To</th><th>File</th><th>Message</th></tr></thead><tbody>");
        for (UpdateRecordDTO r : pending) {
            out.println("<tr><td>" + Html.text(r.unit) + "</td><td>" + Html.text(r.from) + "</td><td>"
                    + Html.text(r.to) + "</td><td>" + Html.text(r.file) + "</td><td>" + Html.text(r.message)
                    + "</td></tr>");
        }
        out.println("</tbody></table>");
    }

    /** @param records the journal, oldest first; the newest {@code limit} are shown, newest first */
    static void timeline(PrintWriter out, List<UpdateRecordDTO> records, int limit) {
        out.println("<h2>Journal</h2><ol class=\"liveswap-timeline\" id=\"liveswap-journal\">");
        for (int i = records.size() - 1; i >= Math.max(0, records.size() - limit); i--) {
            UpdateRecordDTO r = records.get(i);
            String versions = r.to == null ? "" : (r.from == null ? "" : r.from + " \u2192 ") + r.to;
            out.println("<li class=\"kind-" + Html.text(r.kind) + "\" data-sequence=\"" + r.sequence + "\">"
                    + "<span class=\"time\">" + (r.time == 0 ? "-" : TIME.format(Instant.ofEpochMilli(r.time)))
                    + "</span> <span class=\"kind\">" + Html.text(r.kind) + "</span>"
                    + (r.reason == Reason.NONE ? "" : " <span class=\"reason\">[" + Html.text(r.reason) + "]</span>")
                    + " <span class=\"unit\">" + Html.text(r.unit) + "</span> <span class=\"versions\">"
                    + Html.text(versions) + "</span>"
                    + (r.pauseMicros < 0 ? "" : " <span class=\"pause\">pause " + PauseChart.micros(r.pauseMicros)
                            + "</span>")
                    + "<div class=\"message\">" + Html.text(r.message) + "</div></li>");
        }
        if (records.isEmpty()) {
            out.println("<li>No update yet.</li>");
        }
        out.println("</ol>");
    }
}
