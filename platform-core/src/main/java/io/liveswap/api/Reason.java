package io.liveswap.api;

/**
 * Why an update, a swap or a rollback did not commit: the code every refusal and abort carries beside its human
 * message (in {@code SwapReport}, {@code SwapAbortedException}, the update journal, {@code UpdateRecordDTO} and the
 * shell). The message names the details; the code is what programs and tests match on. Each constant says when it
 * occurs and the remedy.
 *
 * <p>A new refusal is one new constant here, one check that uses it, one row in the codes table of
 * {@code docs/UPDATES.md} (a unit test compares the table with these constants), and one test row that expects it.
 */
public enum Reason {

    /** Not a refusal or an abort: the outcome committed, is pending, or was withdrawn. */
    NONE,

    /** A refusal or abort journaled before outcomes carried codes; read the message. */
    UNKNOWN,

    // ---- reading the update bundle file

    /** The file does not exist, is not a regular file, or cannot be read. Remedy: check the path and permissions. */
    UNREADABLE,

    /**
     * The file is empty or not a complete zip (still being copied, truncated or corrupt). Remedy: finish copying
     * it; it is read again when it changes.
     */
    INCOMPLETE,

    /** The jar has too many entries or expands beyond the limit (zip bomb?). Remedy: ship a smaller bundle. */
    TOO_LARGE,

    /** An entry's path is absolute or climbs out of the jar (path traversal). Remedy: rebuild the jar. */
    UNSAFE_PATH,

    /** A trust store is configured and the jar, or one of its entries, is not signed. Remedy: sign it. */
    UNSIGNED,

    /** The jar was changed after it was signed: an entry's digest does not match. Remedy: sign it again. */
    TAMPERED,

    /** The jar is signed by a signer whose certificate is not in the trust store. Remedy: trust it or re-sign. */
    UNTRUSTED,

    /** The trusted signer's certificate has expired. Remedy: sign again with a valid certificate. */
    SIGNATURE_EXPIRED,

    /** The trusted signer's certificate is not valid yet. Remedy: check the clocks, or wait. */
    SIGNATURE_NOT_YET_VALID,

    /** The jar has no manifest or no {@code Bundle-SymbolicName}. Remedy: build it with bnd. */
    NOT_A_BUNDLE,

    /** The bundle declares no unit capability. Remedy: annotate its implementation with {@code @UnitUpdate}. */
    NOT_AN_UPDATE,

    /**
     * A unit header cannot be parsed, or lacks the unit, the version or the replaced version. Remedy: generate the
     * headers with {@code @UnitUpdate}.
     */
    MALFORMED_HEADER,

    /**
     * The headers contradict each other: several units, several replaced versions, a requirement on another unit,
     * or a version not above the one it replaces. Remedy: generate them with {@code @UnitUpdate}.
     */
    CONTRADICTORY_HEADERS,

    // ---- the version order

    /** The update names a unit that does not exist. Remedy: install the unit's first version first. */
    UNKNOWN_UNIT,

    /** The update names no version it replaces: it is a first version. Remedy: add {@code replaces}. */
    NO_REPLACED_VERSION,

    /** The unit is already at the version the update brings. Remedy: remove the file. */
    DUPLICATE,

    /** The update brings a version older than the unit's. Remedy: {@code liveswap:rollback}. */
    DOWNGRADE,

    /**
     * The update replaces a version older than the unit's but brings a newer one. Remedy: rebuild it on top of the
     * current version.
     */
    STALE_BASE,

    /**
     * Not a refusal: the update replaces a version the unit has not reached yet and waits as PENDING. Remedy: drop
     * the updates in between.
     */
    GAP,

    // ---- installing and starting the new version

    /** The framework could not install the bundle. Remedy: check that the file is a complete bundle jar. */
    INSTALL_FAILED,

    /**
     * A plain bundle in the watched folder has the symbolic name of an installed platform bundle, a unit's API
     * bundle or a unit's implementation, or its file was removed while its bundle is a unit's API bundle or
     * implementation: the watched folder never replaces or removes those. Remedy: remove the file (a unit changes
     * through an update bundle; a platform or API bundle through the runtime's own bundles or the shell).
     */
    PROTECTED_BUNDLE,

    /** The new bundle cannot resolve (a missing package or requirement). Remedy: install what it needs first. */
    UNRESOLVABLE,

    /** The new bundle failed to start (its activator threw). Remedy: see the cause in the message and the log. */
    START_FAILED,

    /** The new version's component failed to activate. Remedy: see the cause named in the message. */
    ACTIVATION_FAILED,

    /**
     * The new bundle started but registered no implementation of the unit in time. Remedy: check that its
     * component is satisfied and registers with the unit's name.
     */
    NOT_REGISTERED,

    /** The service to swap to is not a registered implementation of the unit. Remedy: name a candidate. */
    NOT_A_CANDIDATE,

    /**
     * The new version lacks methods that consumers of the old interface call, as their bytecode shows (an
     * interface change; a removed method no consumer calls is served by a stub instead). Remedy:
     * update or stop those consumers first, or keep the methods (deprecated) in the new version.
     */
    INTERFACE_REMOVED,

    /**
     * A method of the new version declares a checked exception that consumers of an older interface still served
     * through an adapter do not expect (their method does not declare it). Remedy: map it with
     * {@link TranslatesException} on the implementation, catch it in the new version, or update those consumers
     * first.
     */
    UNDECLARED_EXCEPTION,

    /** A migration mode (configuration or {@code liveswap.migration}) is neither eager nor lazy. Remedy: fix it. */
    BAD_MIGRATION_MODE,

    // ---- the swap

    /**
     * Calls did not leave the unit within the quiescence deadline. Remedy: find out why those calls do not return
     * (the report names the threads), or raise {@code quiescenceTimeoutMillis}.
     */
    QUIESCENCE_TIMEOUT,

    /** The thread running the swap was interrupted (the platform is stopping). Remedy: apply it again. */
    INTERRUPTED,

    /** The old version's {@code exportState} threw. Remedy: fix the old version's export. */
    EXPORT_FAILED,

    /**
     * A state graph (exported, or returned by a transformer) holds something other than plain values. Remedy: keep
     * state to Strings, numbers, booleans, byte[], Lists and Maps.
     */
    INVALID_STATE,

    /** The new version does not implement {@code StatefulUnit} but the old one has state. Remedy: implement it. */
    NOT_STATEFUL,

    /**
     * Transformers of the unit exist in the range but no chain links the two versions. Remedy: register the
     * missing {@code StateTransformer} step.
     */
    TRANSFORMER_MISSING,

    /**
     * The running version and the new one are {@code StatefulUnit}s whose state formats ({@code @StateFormat})
     * differ, and no chain of {@code StateTransformer}s links the two versions: the new version would be handed
     * state in a shape it does not read. Refused before the pause. Remedy: ship a {@code StateTransformer} for the
     * step, or, if the shape did not change, declare the same {@code @StateFormat} on both versions.
     */
    STATE_FORMAT_CHANGED,

    /**
     * Automatic state transfer (an implementation that is not a {@code StatefulUnit}) cannot carry a field safely:
     * an incompatible type, a class the new version lacks, a value it cannot re-create. Refused before the pause when
     * the declared types show it, else the swap aborts inside it. Remedy (the message names the field): a
     * {@code @Derive} hook, {@code @FormerName} for a renamed class, {@code @Transient} for a field that must not
     * cross, or {@code StatefulUnit} with a transformer.
     */
    STATE_UNMAPPABLE,

    /** A state transformer threw. Remedy: fix the transformer; the message names it and its exception. */
    TRANSFORMER_FAILED,

    /**
     * A rollback needs a transformer's {@code downgrade}, which it does not have. Remedy: the unit stays; ship a
     * downward transformer to roll back with state.
     */
    NO_DOWNWARD_TRANSFORMER,

    /** The new version's {@code importState} threw. Remedy: fix the new version's import. */
    IMPORT_FAILED,

    /**
     * Export, transform and import together took longer than the mediator's {@code stateTransferTimeoutMillis}; the
     * transfer was abandoned inside the pause. Remedy: make the transformer or {@code importState} faster, or raise
     * the deadline.
     */
    TRANSFER_TIMEOUT,

    /**
     * Re-pointing one unit of a swap failed; the units already re-pointed were pointed back (the message says if
     * that failed too). Remedy: see the cause in the message.
     */
    REPOINT_FAILED,

    /** The swap's target already serves the unit (e.g. a plain update got there first). Remedy: none needed. */
    ALREADY_CURRENT,

    // ---- rollback and restore

    /** No update in the journal brought the unit's current version. Remedy: none needed. */
    NOTHING_TO_ROLL_BACK,

    /**
     * The bundle of the version to install is neither installed, nor in its file, nor among the kept copies.
     * Remedy: apply that version's bundle as an update.
     */
    VERSION_UNAVAILABLE,

    /** The platform stopped during the update; the unit came back at the version installed. Remedy: none. */
    STOPPED_MID_UPDATE,

    // ---- probation (the cause of a REVERTED record)

    /**
     * A health check tagged for the unit (or for every unit) was not OK during the update's probation; the unit went
     * back to the version before it, with its state. Remedy: fix what the check reports and ship a new version.
     */
    PROBATION_HEALTH,

    /**
     * The new version's exception rate during its probation rose past the previous version's by more than the
     * configured margin; the unit went back, with its state. Remedy: fix the exceptions the log and the message name.
     */
    PROBATION_ERRORS,

    /**
     * The platform restarted while the update was on probation: it came back on the last accepted version (the
     * update's state since the restart is the old version's). Remedy: apply the update again, or accept it
     * ({@code liveswap:accept}) before a planned restart.
     */
    PROBATION_RESTART,

    /**
     * The fallback: a failure without a code of its own (an exception or {@code Error} from a unit's code outside
     * export, transform and import, or a bug); no check raises it on purpose. The message holds the exception.
     * Remedy: see the log.
     */
    UNEXPECTED
}
