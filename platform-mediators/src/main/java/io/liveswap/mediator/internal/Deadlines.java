package io.liveswap.mediator.internal;

import java.time.Duration;

/** The configured deadlines, as durations. */
record Deadlines(Duration quiescence, Duration callerWaitLimit, Duration replacement, Duration registration) {

    static Deadlines of(MediatorConfig config) {
        return new Deadlines(positive(config.quiescenceTimeoutMillis()), positive(config.callerWaitLimitMillis()),
                positive(config.replacementTimeoutMillis()), positive(config.registrationTimeoutMillis()));
    }

    private static Duration positive(long millis) {
        return Duration.ofMillis(Math.max(1, millis));
    }
}
