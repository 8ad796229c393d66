package io.liveswap.core.quiescence;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Describes a thread that holds a unit, for timeout reports. */
final class Holders {

    private static final int FRAMES = 6;

    private Holders() {
    }

    static String describe(Thread thread, StackTraceElement[] stack) {
        String where = Arrays.stream(stack).limit(FRAMES).map(StackTraceElement::toString)
                .collect(Collectors.joining(" <- "));
        return "thread '" + thread.getName() + "' (" + thread.getState() + ") at " + where;
    }
}
