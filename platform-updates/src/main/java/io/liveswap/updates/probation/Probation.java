package io.liveswap.updates.probation;

import org.osgi.framework.Version;

/**
 * One unit on probation: the update that brought {@link #to} on top of {@link #from} (the last accepted version),
 * identified by its COMMITTED record's sequence number, and its time.
 *
 * @param unit the unit
 * @param from the last accepted version
 * @param to the version on probation
 * @param commit the sequence number of the COMMITTED record
 * @param file the update's file, or {@code null}
 * @param since when the probation began, milliseconds since the epoch
 * @param until when it ends
 */
public record Probation(String unit, Version from, Version to, long commit, String file, long since, long until) {

    /** @return whether its time has passed at {@code now} */
    public boolean over(long now) {
        return now >= until;
    }
}
