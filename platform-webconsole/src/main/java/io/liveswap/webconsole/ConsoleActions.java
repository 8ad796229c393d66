package io.liveswap.webconsole;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.liveswap.api.Reason;
import io.liveswap.api.TranslationTable;
import io.liveswap.updates.CheckDTO;
import io.liveswap.updates.CheckVerdict;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * The page's actions, one row each: the form's {@code action} value and what it does through the
 * {@link UpdateManager}, the same calls the watched folder and the {@code liveswap:} commands make. A new action
 * (e.g. {@code accept}, {@code withdraw}) is one more row in {@link #ConsoleActions} and a button that posts its
 * name; the servlet, the CSRF check and the result display need no change.
 */
final class ConsoleActions {

    /** One action of the page. */
    @FunctionalInterface
    interface Action {
        ActionResult run(ActionInput input) throws IOException;
    }

    private final Map<String, Action> actions = new LinkedHashMap<>();
    private final UpdateManager updates;
    private final TranslationTable table;

    ConsoleActions(UpdateManager updates, TranslationTable table) {
        this.updates = updates;
        this.table = table;
        actions.put("apply", input -> withJar(input, jar -> record(updates.apply(jar))));
        actions.put("check", input -> withJar(input, jar -> check(updates.check(jar))));
        actions.put("rollback", input -> withUnit(input, "rollback", unit -> record(updates.rollback(unit))));
    }

    /** @return the action of that name, or {@code null} */
    Action get(String name) {
        return name == null ? null : actions.get(name);
    }

    /** @return the actions' names, in the table's order */
    List<String> names() {
        return List.copyOf(actions.keySet());
    }

    private static ActionResult withJar(ActionInput input, java.util.function.Function<String, ActionResult> use)
            throws IOException {
        UploadedJar jar = input.upload();
        return jar.problem() != null ? ActionResult.problem(jar.problem()) : use.apply(jar.path().toString());
    }

    private ActionResult withUnit(ActionInput input, String action,
            java.util.function.Function<String, ActionResult> use) {
        String unit = input.unit();
        List<String> known = table.units().stream().map(u -> u.name).toList();
        if (unit == null || unit.isEmpty()) {
            return ActionResult.problem(action + ": no unit was named; press the button in the row of the unit to "
                    + action + " (units: " + String.join(", ", known) + ").");
        }
        if (!known.contains(unit)) {
            return ActionResult.problem(action + ": there is no unit '" + unit + "'; choose one of: "
                    + (known.isEmpty() ? "(no units yet)" : String.join(", ", known)) + ".");
        }
        return use.apply(unit);
    }

    /** {@code KIND [REASON] unit from -> to: message}, as the shell prints an outcome. */
    static ActionResult record(UpdateRecordDTO record) {
        String versions = record.to == null ? "" : (record.from == null ? "" : record.from + " -> ") + record.to;
        String line = record.kind + (record.reason == Reason.NONE ? "" : " [" + record.reason + "]")
                + (record.unit == null ? "" : " " + record.unit) + (versions.isEmpty() ? "" : " " + versions)
                + ": " + record.message;
        boolean ok = "COMMITTED".equals(record.kind) || "ROLLED_BACK".equals(record.kind)
                || "PENDING".equals(record.kind);
        return new ActionResult(ok, line, "");
    }

    /** The check's verdict line, then its findings. */
    static ActionResult check(CheckDTO check) {
        StringBuilder detail = new StringBuilder();
        detail.append("signature: ").append(check.signature == null ? "-" : check.signature).append('\n');
        detail.append("order: ").append(check.order == null ? "-" : check.order).append('\n');
        if (check.trial != null) {
            detail.append("trial: ").append(check.trial.passed ? "passed" : "failed")
                    .append(check.trial.cause == null ? "" : " (" + check.trial.cause + ")")
                    .append(", ").append(check.trial.stateValues).append(" state values carried, export pause ")
                    .append(check.trial.pauseNanos / 1000).append(" µs").append('\n');
        }
        detail.append("a rollback after it would carry the state back: ").append(check.revertWithState ? "yes" : "no");
        boolean ok = check.verdict == CheckVerdict.WOULD_APPLY || check.verdict == CheckVerdict.WOULD_WAIT;
        return new ActionResult(ok, check.line, detail.toString());
    }
}
