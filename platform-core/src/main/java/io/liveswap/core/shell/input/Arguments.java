package io.liveswap.core.shell.input;

import java.util.Collection;

/**
 * One-line answers to shell input a command cannot take: a wrong number of arguments, an unknown unit, an argument
 * of the wrong kind. Each names the cause and the remedy, so that the console never shows Gogo's coercion errors.
 * Shared by the shell commands of every platform bundle; not exported: each bundle copies it in
 * ({@code -conditionalpackage}).
 */
public final class Arguments {

    private Arguments() {
    }

    /** {@code liveswap:status takes 1 argument, the unit name (got 2: a b). Usage: liveswap:status <unit>}. */
    public static String wrongCount(String command, String expected, String usage, String... given) {
        return "liveswap:" + command + " takes " + expected + " (got " + given.length
                + (given.length == 0 ? "" : ": " + String.join(" ", given)) + "). Usage: " + usage;
    }

    /** {@code unknown unit 'x' (known units: a, b). liveswap:units lists them}. */
    public static String unknownUnit(String command, String unit, Collection<String> known) {
        return "liveswap:" + command + ": unknown unit '" + unit + "' (known units: "
                + (known.isEmpty() ? "none" : String.join(", ", known)) + "). liveswap:units lists them";
    }
}
