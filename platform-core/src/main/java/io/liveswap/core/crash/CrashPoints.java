package io.liveswap.core.crash;

/**
 * Named points in an update where crash tests stop the JVM the hard way: when the system property
 * {@value #PROPERTY} names the point reached, the process halts at once (no shutdown hooks, no framework stop), as
 * a power cut would. Without the property this is one property read per update step.
 */
public final class CrashPoints {

    /** System property naming the point to halt at. */
    public static final String PROPERTY = "liveswap.crashpoint";

    /** Before the update's intent is journaled. */
    public static final String BEFORE_INTENT = "before-intent";
    /** Right after the intent is journaled, before anything is installed. */
    public static final String AFTER_INTENT = "after-intent";
    /** During the state transfer: exported, not yet imported. */
    public static final String DURING_TRANSFER = "during-transfer";
    /** After the proxy was re-pointed, before the gate opens. */
    public static final String AFTER_REPOINT = "after-repoint";
    /** After the swap committed, before its outcome is journaled. */
    public static final String BEFORE_OUTCOME = "before-outcome";

    private CrashPoints() {
    }

    /** Halts the JVM if the crash test asked for this point. */
    public static void reach(String point) {
        if (point.equals(System.getProperty(PROPERTY))) {
            Runtime.getRuntime().halt(137);
        }
    }
}
