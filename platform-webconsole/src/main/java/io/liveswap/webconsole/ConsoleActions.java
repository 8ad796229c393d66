package io.liveswap.webconsole;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.liveswap.api.Reason;
import io.liveswap.api.TranslationTable;
import io.liveswap.updates.CheckDTO;
import io.liveswap.updates.CheckVerdict;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * The page's actions, one row each: the form's {@code action} value and what it does through the
 * {@link UpdateManager}, the same calls the watched folder and the {@code liveswap:} commands make. A new action
 * (e.g. {@code accept}, {@code withdraw}) is one line in the constructor: {@code unit(...)} puts its button in each
 * unit's row, {@code jar(...)} beside the upload field; the servlet, the CSRF check, the buttons and the result
 * display need no other change.
 */
final class ConsoleActions {

    /** One action of the page. */
    @FunctionalInterface
    interface Action {
        ActionResult run(ActionInput input) throws IOException;
    }

    /** What an action acts on, which decides where its button is: the upload form, or each unit's row. */
    enum Target { JAR, UNIT }

    /** A row of the table: the form's {@code action} value, the button's text, the target, what it does. */
    record Row(String name, String button, Target target, Action action) {
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final TranslationTable table;

    ConsoleActions(UpdateManager updates, TranslationTable table) {
        this.table = table;
        jar("check", "Check (dry run)", jar -> check(updates.check(jar)));
        jar("apply", "Apply", jar -> record(updates.apply(jar)));
        unit("rollback", "Roll back", unit -> record(updates.rollback(unit)));
        unit("accept", "Accept (end probation)", unit -> refusable(() -> record(updates.accept(unit))));
        unit("withdraw", "Withdraw pending", unit -> refusable(() -> record(updates.withdraw(unit,
                updates.pending().stream().filter(p -> unit.equals(p.unit)).map(p -> p.to).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no update of unit '" + unit
                                + "' is pending; nothing to withdraw"))))));
    }

    /** An action the update manager may refuse with a one-line message (e.g. accept without a probation). */
    private static ActionResult refusable(java.util.function.Supplier<ActionResult> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException refused) {
            return ActionResult.problem(refused.getMessage());
        }
    }

    private void jar(String name, String button, Function<String, ActionResult> use) {
        rows.put(name, new Row(name, button, Target.JAR, input -> withJar(input, use)));
    }

    private void unit(String name, String button, Function<String, ActionResult> use) {
        rows.put(name, new Row(name, button, Target.UNIT, input -> withUnit(input, name, use)));
    }

    /** @return the action of that name, or {@code null} */
    Action get(String name) {
        Row row = name == null ? null : rows.get(name);
        return row == null ? null : row.action();
    }

    /** @return the actions' names, in the table's order */
    List<String> names() {
        return List.copyOf(rows.keySet());
    }

    /** @return the rows whose buttons go with that target, in the table's order */
    List<Row> buttons(Target target) {
        return rows.values().stream().filter(r -> r.target() == target).toList();
    }

    private static ActionResult withJar(ActionInput input, Function<String, ActionResult> use)
            throws IOException {
        UploadedJar jar = input.upload();
        return jar.problem() != null ? ActionResult.problem(jar.problem()) : use.apply(jar.path().toString());
    }

    private ActionResult withUnit(ActionInput input, String action,
            Function<String, ActionResult> use) {
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
                || "PENDING".equals(record.kind) || "ACCEPTED".equals(record.kind) || "PARKED".equals(record.kind);
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
