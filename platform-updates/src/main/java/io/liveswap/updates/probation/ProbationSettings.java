package io.liveswap.updates.probation;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;

import io.liveswap.updates.format.UpdateDescriptor;

/**
 * The probation settings, typed: from the update manager's configuration, with framework properties as fallbacks
 * for the two that runtimes and tests set on the command line.
 *
 * @param seconds the probation of an update without a {@value UpdateDescriptor#PROBATION_HEADER} header; 0: none
 * @param errorMargin how far (a fraction of calls) the new version's exception rate may exceed the old one's
 * @param minCalls calls before the exception rate is judged
 * @param checkMillis how often the signals are read
 * @param healthTag the tag of health checks that watch every unit; {@code <tag>.unit.<name>} watches one
 * @param tolerated the worst health status that passes
 */
public record ProbationSettings(long seconds, double errorMargin, long minCalls, long checkMillis, String healthTag,
        Result.Status tolerated) {

    /** Framework property of {@link #seconds} when the configuration leaves it at -1. */
    public static final String SECONDS_PROPERTY = "liveswap.probation.seconds";
    /** Framework property of {@link #checkMillis} when the configuration leaves it at -1. */
    public static final String CHECK_PROPERTY = "liveswap.probation.checkMillis";
    private static final long DEFAULT_SECONDS = 60;
    private static final long DEFAULT_CHECK_MILLIS = 1000;

    /**
     * @throws IllegalArgumentException naming the setting, the value and what it accepts
     */
    public static ProbationSettings of(BundleContext context, long seconds, double errorMargin, long minCalls,
            long checkMillis, String healthTag, String tolerates) {
        long probation = seconds >= 0 ? seconds : property(context, SECONDS_PROPERTY, DEFAULT_SECONDS);
        long check = checkMillis > 0 ? checkMillis : property(context, CHECK_PROPERTY, DEFAULT_CHECK_MILLIS);
        if (check <= 0) {
            throw new IllegalArgumentException("probationCheckMillis " + check + " must be more than 0");
        }
        if (!(errorMargin >= 0 && errorMargin <= 1)) {
            throw new IllegalArgumentException("probationErrorMargin " + errorMargin + " must be a fraction of calls"
                    + " from 0 to 1, e.g. 0.05");
        }
        Result.Status status;
        try {
            status = Result.Status.valueOf(tolerates.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("probationHealthTolerates '" + tolerates + "' is not a health status;"
                    + " use OK, WARN or TEMPORARILY_UNAVAILABLE", e);
        }
        if (status.ordinal() >= Result.Status.CRITICAL.ordinal()) {
            throw new IllegalArgumentException("probationHealthTolerates " + status + " would let a failing unit"
                    + " pass; use OK, WARN or TEMPORARILY_UNAVAILABLE");
        }
        String tag = healthTag == null || healthTag.isBlank() ? "liveswap" : healthTag.trim();
        return new ProbationSettings(probation, errorMargin, Math.max(1, minCalls), check, tag, status);
    }

    private static long property(BundleContext context, String name, long fallback) {
        String value = context.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("framework property " + name + "='" + value + "' is not a number", e);
        }
    }

    /** @return the probation of this update in milliseconds; 0 for none */
    public long millisFor(UpdateDescriptor update) {
        long own = update.probationSeconds();
        return TimeUnit.SECONDS.toMillis(own >= 0 ? own : seconds);
    }

    /** @return the tag of the health checks that watch one unit */
    public String unitTag(String unit) {
        return healthTag + ".unit." + unit;
    }
}
