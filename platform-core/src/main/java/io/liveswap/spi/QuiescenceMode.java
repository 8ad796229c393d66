package io.liveswap.spi;

/**
 * How a unit's proxy finds out that no call runs in the unit. Chosen once per unit, by the service property
 * {@value #PROPERTY} of its first implementation (default {@link #COUNTING}), because it decides the proxy class.
 */
public enum QuiescenceMode {

    /**
     * Default, sound under the Java memory model and with virtual threads: each call marks its thread's slot with
     * one volatile store on entry and a release store on exit; a swap closes the gate and waits until every slot
     * is clear. Re-entrant calls pass straight through. Costs about ten nanoseconds per call.
     */
    COUNTING("counting"),

    /**
     * Opt-in, nothing on the call path: a swap points the proxy at a blocker and scans all thread stacks until no
     * thread has a frame of the unit's proxy or implementation. Relies on HotSpot's safepoints rather than the
     * memory model; blind to virtual threads (refused on Java 21 and later); each scan pauses the JVM for about a
     * microsecond per live stack frame.
     */
    STACK_SCAN("stack-scan");

    /** Service property of an implementation service selecting the mode: {@code counting} or {@code stack-scan}. */
    public static final String PROPERTY = "liveswap.quiescence";

    private final String label;

    QuiescenceMode(String label) {
        this.label = label;
    }

    /** @return the property value naming this mode */
    public String label() {
        return label;
    }

    /**
     * @param value a property value, or {@code null} for the default
     * @return the mode it names
     * @throws IllegalArgumentException naming the accepted values
     */
    public static QuiescenceMode of(Object value) {
        if (value == null) {
            return COUNTING;
        }
        for (QuiescenceMode mode : values()) {
            if (mode.label.equals(value.toString())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(PROPERTY + "=" + value + " is not a quiescence mode; use "
                + COUNTING.label + " (default) or " + STACK_SCAN.label);
    }
}
