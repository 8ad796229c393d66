package io.liveswap.api;

/**
 * Thrown by a unit's proxy when a call arrives while the unit has no implementation to run it (its implementation
 * bundle was stopped and none replaced it in time). The message names the unit and the remedy.
 */
public class UnitUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String unit;

    /**
     * @param unit the unit that had no implementation
     * @param message what happened and what to do about it
     */
    public UnitUnavailableException(String unit, String message) {
        super(message);
        this.unit = unit;
    }

    /**
     * @return the name of the unit that could not serve the call
     */
    public String unit() {
        return unit;
    }
}
