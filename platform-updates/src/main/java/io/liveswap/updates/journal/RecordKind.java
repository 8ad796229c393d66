package io.liveswap.updates.journal;

/** What a journal record says happened; written into the journal by its name. */
public enum RecordKind {

    /** An update or rollback is about to be applied; an outcome record follows unless the platform stopped. */
    INTENT,
    /** The update brought the unit to its new version. */
    COMMITTED,
    /** The update was tried and failed before its point of no return; the unit kept its version and state. */
    ABORTED,
    /** The update was not tried: it can never apply as it is (see its reason). */
    REFUSED,
    /** The update waits for the version it replaces. */
    PENDING,
    /** A rollback brought the unit back to the version before its newest update. */
    ROLLED_BACK,
    /** The platform stopped between an INTENT and its outcome; written when the journal is opened again. */
    INTERRUPTED,
    /** A pending update's file was removed. */
    WITHDRAWN,
    /**
     * The operator withdrew a pending update ({@code liveswap:withdraw}): its file stays, parked, and is not applied
     * again until its content changes or {@code liveswap:apply} names it.
     */
    PARKED,
    /** The update's probation ended well (its time passed, the operator accepted it, or a newer update replaced it). */
    ACCEPTED,
    /**
     * The update failed its probation (a health check, its exception rate) or the platform restarted during it: the
     * unit went back to the version before it (see the reason). Its file is not applied again until its content
     * changes or {@code liveswap:apply} names it.
     */
    REVERTED;

    /** @return whether records of this kind report something that did not happen (and carry a reason) */
    public boolean failed() {
        return this == ABORTED || this == REFUSED || this == INTERRUPTED || this == REVERTED;
    }
}
