package io.liveswap.mediator;

import org.osgi.dto.DTO;

import io.liveswap.api.Reason;

/** What one swap did. Times are in nanoseconds. */
public class SwapReport extends DTO {

    /** The units swapped. */
    public String[] units;

    /** Versions before, in the order of {@link #units}. */
    public String[] fromVersions;

    /** Versions the swap moved to (or tried to), in the order of {@link #units}. */
    public String[] toVersions;

    /** Whether the new versions serve now. */
    public boolean committed;

    /** Why the swap aborted, naming the cause and the remedy; {@code null} when committed. */
    public String cause;

    /** The code of {@link #cause}: {@link Reason#NONE} when committed. */
    public Reason reason = Reason.NONE;

    /** Threads that held a unit when its quiescence deadline passed, with where they were. */
    public String[] holders = new String[0];

    /** From closing the gate to opening it again: the longest any caller could have waited. */
    public long pauseNanos;

    /** From closing the gate to quiescence. */
    public long drainNanos;

    /** Exporting, transforming and importing state. */
    public long transferNanos;

    /** Number of values in the transferred state graphs. */
    public long stateValues;

    /** Multi-instance units: instances moved to the new version inside the pause (eager migration). */
    public long instancesMigrated;

    /** Multi-instance units: instances that failed to migrate and keep serving on their version. */
    public long instancesFailed;

    /** Multi-instance units: instances that move on their next call (lazy migration). */
    public long instancesPending;

    /** Multi-instance units: the first failures to migrate, as messages. */
    public String[] instanceFailures = new String[0];

    /** Multi-instance units: whether instances migrate lazily, on their next call. */
    public boolean lazy;

    /**
     * Fields of the old version's objects that automatic state transfer did not carry because the new version has
     * no field for them ("Class.field"); empty when nothing was dropped or the state was hand-written.
     */
    public String[] droppedFields = new String[0];
}
