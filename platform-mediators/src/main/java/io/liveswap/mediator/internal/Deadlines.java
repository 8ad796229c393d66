package io.liveswap.mediator.internal;

import java.time.Duration;

/** The configured deadlines, as durations. */
record Deadlines(Duration quiescence, Duration callerWaitLimit, Duration replacement, Duration registration,
        Duration stateTransfer) {

    /** The default of {@code stateTransferTimeoutMillis}. */
    static final Duration STATE_TRANSFER = Duration.ofMillis(2000);

    /** Deadlines with the default state-transfer deadline. */
    Deadlines(Duration quiescence, Duration callerWaitLimit, Duration replacement, Duration registration) {
        this(quiescence, callerWaitLimit, replacement, registration, STATE_TRANSFER);
    }

    static Deadlines of(MediatorConfig config) {
        return new Deadlines(positive(config.quiescenceTimeoutMillis()), positive(config.callerWaitLimitMillis()),
                positive(config.replacementTimeoutMillis()), positive(config.registrationTimeoutMillis()),
                positive(config.stateTransferTimeoutMillis()));
    }

    private static Duration positive(long millis) {
        return Duration.ofMillis(Math.max(1, millis));
    }
}
