package io.liveswap.webconsole;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import io.liveswap.api.UnitDTO;
import io.liveswap.updates.ProbationDTO;
import io.liveswap.updates.UpdateRecordDTO;

/** The units table (one row per unit, with its rollback button) and each unit's details with its pause chart. */
final class UnitsSection {

    private UnitsSection() {
    }

    static void write(PrintWriter out, List<UnitDTO> units, Map<String, List<UpdateRecordDTO>> pauses, String token,
            List<ConsoleActions.Row> buttons) {
        write(out, units, pauses, Map.of(), token, buttons);
    }

    /** @param probations the units on probation, by name */
    static void write(PrintWriter out, List<UnitDTO> units, Map<String, List<UpdateRecordDTO>> pauses,
            Map<String, ProbationDTO> probations, String token, List<ConsoleActions.Row> buttons) {
        out.println("<h2>Units</h2>");
        out.println("<table class=\"nicetable liveswap-units\" id=\"liveswap-units\"><thead><tr><th>Unit</th>"
                + "<th>Version</th><th>State</th><th>Quiescence</th><th>Calls</th><th>Instances</th><th>Faces</th>"
                + "<th>Swaps</th><th>Last pause</th><th>Probation</th><th></th></tr></thead><tbody>");
        for (UnitDTO unit : units) {
            out.println("<tr data-unit=\"" + Html.text(unit.name) + "\"><td class=\"unit\">" + Html.text(unit.name)
                    + "</td><td class=\"version\">" + Html.text(unit.version) + "</td><td class=\"state\">"
                    + (unit.available ? "serving" : "unavailable") + "</td><td>" + Html.text(unit.quiescence)
                    + "</td><td>" + (unit.calls < 0 ? "-" : unit.calls) + "</td><td>"
                    + (unit.instances < 0 ? "-" : unit.instances) + "</td><td>" + unit.faces + "</td><td>"
                    + unit.swaps + "</td><td>" + (unit.lastPauseMicros < 0 ? "-" : PauseChart.micros(
                            unit.lastPauseMicros)) + "</td><td class=\"probation\">" + probation(probations.get(unit.name))
                    + "</td><td>" + unitForm(unit.name, token, buttons) + "</td></tr>");
        }
        out.println("</tbody></table>");
        for (UnitDTO unit : units) {
            details(out, unit, pauses.getOrDefault(unit.name, List.of()));
        }
    }

    /** "2.0.0 until 12:01:05, reverts to 1.0.0 (thrown 0/17, health OK)", or "-". */
    private static String probation(ProbationDTO p) {
        if (p == null) {
            return "-";
        }
        return Html.text(p.to + " until " + java.time.LocalTime.ofInstant(java.time.Instant.ofEpochMilli(p.until),
                java.time.ZoneId.systemDefault()).withNano(0) + ", reverts to " + p.from + " (thrown " + p.thrown + "/"
                + p.calls + ", health " + p.health + ")");
    }

    /** One form per unit row: the unit, the token, and a button per unit action (its name posted as "action"). */
    private static String unitForm(String unit, String token, List<ConsoleActions.Row> buttons) {
        StringBuilder form = new StringBuilder("<form method=\"post\" class=\"liveswap-unit-actions\">"
                + "<input type=\"hidden\" name=\"unit\" value=\"" + Html.text(unit) + "\">"
                + "<input type=\"hidden\" name=\"" + CsrfToken.PARAMETER + "\" value=\"" + Html.text(token) + "\">");
        for (ConsoleActions.Row row : buttons) {
            form.append("<button type=\"submit\" class=\"ui-button\" name=\"action\" value=\"")
                    .append(Html.text(row.name())).append("\">").append(Html.text(row.button())).append("</button> ");
        }
        return form.append("</form>").toString();
    }

    private static void details(PrintWriter out, UnitDTO unit, List<UpdateRecordDTO> pauses) {
        out.println("<details class=\"liveswap-unit\" data-unit=\"" + Html.text(unit.name) + "\"><summary>"
                + Html.text(unit.name) + " " + Html.text(unit.version) + "</summary><table class=\"nicetable\">");
        row(out, "Interfaces", unit.interfaces == null ? null : String.join(", ", unit.interfaces));
        row(out, "Implementation bundle", unit.implementationBundle == null ? null
                : unit.implementationBundle + " [" + unit.implementationBundleId + "]");
        row(out, "Implementation class", unit.implementationClass);
        row(out, "Candidates", unit.candidates == null || unit.candidates.length == 0 ? null
                : String.join(", ", unit.candidates));
        row(out, "State values carried by the last swap", unit.stateValues < 0 ? null : unit.stateValues);
        row(out, "Instances per version", unit.instancesByVersion == null || unit.instancesByVersion.isEmpty()
                ? null : unit.instancesByVersion);
        row(out, "Last swap: pause / drain / state transfer", unit.lastPauseMicros < 0 ? null
                : unit.lastPauseMicros + " / " + unit.lastDrainMicros + " / " + unit.lastTransferMicros + " µs");
        row(out, "Proxy service id", unit.proxyServiceId);
        out.println("<tr><td>Recent pauses</td><td>" + PauseChart.svg(unit.name, pauses) + "</td></tr>");
        out.println("</table></details>");
    }

    private static void row(PrintWriter out, String name, Object value) {
        out.println("<tr><td>" + Html.text(name) + "</td><td>" + Html.text(value) + "</td></tr>");
    }
}
