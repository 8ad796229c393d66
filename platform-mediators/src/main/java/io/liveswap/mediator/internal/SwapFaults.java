package io.liveswap.mediator.internal;

/**
 * Test-only fault injection for integration tests (this package is not exported): when the system property
 * {@value #REPOINT} names a unit, that unit's re-point throws. Without the property this is one property read per
 * re-point.
 */
final class SwapFaults {

    /** System property naming the unit whose re-point throws. */
    static final String REPOINT = "liveswap.test.fault.repoint";

    private SwapFaults() {
    }

    /** Throws if a test asked for a failure at this unit's re-point. */
    static void atRepoint(String unit) {
        if (unit.equals(System.getProperty(REPOINT))) {
            throw new IllegalStateException("fault injected at the re-point of unit '" + unit + "' (system property "
                    + REPOINT + ")");
        }
    }
}
