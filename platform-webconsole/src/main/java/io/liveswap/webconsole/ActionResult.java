package io.liveswap.webconsole;

/**
 * What an action answered, shown once at the top of the page after the action's redirect.
 *
 * @param ok whether the action did what was asked (a committed update, a rollback, any check that ran)
 * @param message one line: the outcome, or the cause and the remedy
 * @param detail further lines (a check's findings), or an empty string
 */
record ActionResult(boolean ok, String message, String detail) {

    static ActionResult ok(String message) {
        return new ActionResult(true, message, "");
    }

    static ActionResult problem(String message) {
        return new ActionResult(false, message, "");
    }
}
