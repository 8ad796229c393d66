package io.liveswap.updates;

import org.osgi.dto.DTO;

import io.liveswap.api.Reason;

/** One event in the history of updates, or one pending update. */
public class UpdateRecordDTO extends DTO {

    /** Sequence number in the journal. */
    public long sequence;

    /** When it happened, milliseconds since the epoch. */
    public long time;

    /** The unit, or {@code null} when the file could not be read far enough to tell. */
    public String unit;

    /**
     * What happened: INTENT, COMMITTED, ABORTED, REFUSED, PENDING, ROLLED_BACK, INTERRUPTED, WITHDRAWN, PARKED,
     * ACCEPTED or REVERTED (the names of the journal's record kinds).
     */
    public String kind;

    /**
     * The code of a refusal or abort (ABORTED, REFUSED, INTERRUPTED), the cause of a REVERTED update, {@link Reason#GAP} for a pending update,
     * {@link Reason#UNKNOWN} for a refusal or abort journaled before records carried codes, else
     * {@link Reason#NONE}.
     */
    public Reason reason = Reason.NONE;

    /** The version the unit was at. */
    public String from;

    /** The version the update brings (for a rollback: the version rolled back to). */
    public String to;

    /** The update bundle file. */
    public String file;

    /** The message: the cause and the remedy for refusals and aborts. */
    public String message;

    /**
     * From closing the unit's gate to opening it again, in microseconds: the longest any caller waited. {@code -1}
     * when no swap paused the unit (or the record predates the measurement).
     */
    public long pauseMicros = -1;

    /** Inside the pause, waiting for the calls inside to return, in microseconds; {@code -1} when not measured. */
    public long drainMicros = -1;

    /** Inside the pause, exporting, transforming and importing state, in microseconds; {@code -1} when not measured. */
    public long transferMicros = -1;

    /**
     * For a COMMITTED update that began a probation: its end, in milliseconds since the epoch (until then a failed
     * health check or a rising exception rate reverts it, and a restart comes back on the version before it);
     * {@code 0} when the update had no probation.
     *
     * @since 1.4
     */
    public long probationUntil;
}
