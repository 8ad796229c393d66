package io.liveswap.updates;

/** What an update would do if it were applied now ({@link UpdateManager#check}). */
public enum CheckVerdict {
    /** It would apply now: it is readable and trusted, in order, and its trial passed. */
    WOULD_APPLY,
    /** It would wait as pending for the version it replaces ({@link io.liveswap.api.Reason#GAP}). */
    WOULD_WAIT,
    /** It would be refused without being tried (unreadable, untrusted, out of order; the code says which). */
    WOULD_REFUSE,
    /** It would be tried and abort; the running version would keep serving (the code says which stage failed). */
    WOULD_ABORT
}
