package io.liveswap.updates;

import org.osgi.dto.DTO;

import io.liveswap.api.Reason;

/** One file in the watched folder and what the platform made of it. */
public class FolderEntryDTO extends DTO {

    /** The update bundle brought its unit to {@link #version}, which is the unit's current version. */
    public static final String APPLIED = "APPLIED";
    /** The update bundle was applied as {@link #version}; the unit has moved on since (see {@link #detail}). */
    public static final String SUPERSEDED = "SUPERSEDED";
    /** The update bundle was applied as {@link #version} and then rolled back. */
    public static final String ROLLED_BACK = "ROLLED_BACK";
    /** The update bundle waits for the version it replaces. */
    public static final String PENDING = "PENDING";

    /**
     * Applied, then reverted: its probation failed, or the platform restarted during it (see {@link #reason}); not
     * applied again until its content changes, or by {@code liveswap:apply}.
     *
     * @since 1.4
     */
    public static final String REVERTED = "REVERTED";

    /**
     * Withdrawn by the operator while pending ({@code liveswap:withdraw}): not applied until its content changes, or
     * by {@code liveswap:apply}.
     *
     * @since 1.4
     */
    public static final String PARKED = "PARKED";
    /** The file was refused ({@link #reason} says why). */
    public static final String REFUSED = "REFUSED";
    /** The update was tried and failed ({@link #reason} says why); the unit kept its version. */
    public static final String ABORTED = "ABORTED";
    /** A plain bundle (not an update), installed from the file. */
    public static final String PLAIN_BUNDLE = "PLAIN_BUNDLE";
    /** The file is not a complete jar yet: the platform waits for it to change. */
    public static final String COPYING = "COPYING";
    /** The platform has not been handed the file (not a jar, e.g. a configuration, or not yet reported). */
    public static final String NOT_HANDLED = "NOT_HANDLED";

    /** The file's absolute path. */
    public String file;

    /** One of the constants of this class. */
    public String state;

    /** The code of a refusal or abort, else {@link Reason#NONE}. */
    public Reason reason = Reason.NONE;

    /** The unit an update bundle updates, or {@code null}. */
    public String unit;

    /** The version the update brings, or the plain bundle's version; {@code null} when unknown. */
    public String version;

    /** What happened, in words: the refusal's cause and remedy, the bundle installed, what it waits for. */
    public String detail;
}
