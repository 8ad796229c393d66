package io.liveswap.spi;

import java.util.List;

/**
 * A unit did not become quiescent before the deadline: some calls were still running in it. The message names the
 * unit and every thread that held it, with where it was.
 */
public class QuiescenceTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String unit;
    private final List<String> holders;

    /**
     * @param unit the unit
     * @param message what happened
     * @param holders one description per thread still inside the unit (name, state, top frames)
     */
    public QuiescenceTimeoutException(String unit, String message, List<String> holders) {
        super(message + (holders.isEmpty() ? "" : "; held by: " + String.join("; ", holders)));
        this.unit = unit;
        this.holders = List.copyOf(holders);
    }

    /** @return the unit that did not quiesce */
    public String unit() {
        return unit;
    }

    /** @return descriptions of the threads that were inside the unit at the deadline */
    public List<String> holders() {
        return holders;
    }
}
