package io.liveswap.updates;

import org.osgi.dto.DTO;

/**
 * A unit on probation after an update: until {@link #until}, a failing health check or a rising exception rate
 * reverts it to {@link #from} (with its state), and a restart comes back on {@link #from}. Not live: the moment it
 * was made.
 *
 * @since 1.4
 */
public class ProbationDTO extends DTO {

    /** The unit. */
    public String unit;

    /** The last accepted version: where a failed probation, or a restart, takes the unit back to. */
    public String from;

    /** The version on probation. */
    public String to;

    /** The update bundle file that brought {@link #to}. */
    public String file;

    /** When the probation began and when it ends, milliseconds since the epoch. */
    public long since;

    /** When the probation ends, milliseconds since the epoch: the update is then ACCEPTED. */
    public long until;

    /** Calls the version on probation served so far; -1 where the quiescence mode counts none. */
    public long calls = -1;

    /** Exceptions the version on probation threw to callers so far; -1 where not counted. */
    public long thrown = -1;

    /** Calls and exceptions of {@link #from} while it was current (the baseline); -1 if unknown. */
    public long baselineCalls = -1;

    /** @see #baselineCalls */
    public long baselineThrown = -1;

    /**
     * The health checks' latest verdict: {@code OK}, the names and statuses of the checks that are not OK, or
     * {@code none} when no health check is tagged for the unit (or Felix Health Checks are not installed).
     */
    public String health;
}
