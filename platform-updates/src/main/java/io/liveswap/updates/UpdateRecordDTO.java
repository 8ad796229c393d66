package io.liveswap.updates;

import org.osgi.dto.DTO;

/** One event in the history of updates, or one pending update. */
public class UpdateRecordDTO extends DTO {

    /** Sequence number in the journal. */
    public long sequence;

    /** When it happened, milliseconds since the epoch. */
    public long time;

    /** The unit, or {@code null} when the file could not be read far enough to tell. */
    public String unit;

    /** What happened: INTENT, COMMITTED, ABORTED, REFUSED, PENDING, ROLLED_BACK, INTERRUPTED. */
    public String kind;

    /** The version the unit was at. */
    public String from;

    /** The version the update brings (for a rollback: the version rolled back to). */
    public String to;

    /** The update bundle file. */
    public String file;

    /** The message: the cause and the remedy for refusals and aborts. */
    public String message;
}
