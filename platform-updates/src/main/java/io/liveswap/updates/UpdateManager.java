package io.liveswap.updates;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Applies update bundles in strict version order and keeps their history.
 *
 * <p><b>Threading.</b> Thread safe; updates are applied one at a time. Methods block while an update runs.
 */
@ProviderType
public interface UpdateManager {

    /**
     * Reads an update bundle and applies it if the unit is at the version it replaces, holds it as pending if it
     * replaces a version not reached yet, or refuses it.
     *
     * @param file path of the update bundle jar
     * @return the journal record of the outcome (COMMITTED, PENDING, REFUSED or ABORTED), whose message names the
     *         cause and the remedy when it did not commit
     */
    UpdateRecordDTO apply(String file);

    /**
     * Like {@link #apply(String)}, for the watched folder, which reports every file again at each start and again
     * whenever a file is touched: the same file (same path and SHA-256) that already brought the unit to its
     * current version is accepted without a new record instead of being refused as a duplicate, and the same file
     * refused before for the same reason is refused without a new record (refused once). A copy of an applied
     * update under another name is refused ({@code DUPLICATE}).
     *
     * @param file path of the update bundle jar
     * @return the journal record of the outcome, or of the earlier commit; {@code null} if the file was removed
     *         before it could be read (no record: its removal is reported to {@link #withdraw})
     */
    UpdateRecordDTO offer(String file);

    /**
     * Journals the refusal of a file in the watched folder that is not an update (a plain bundle the platform will
     * not install, or whose bundle it keeps when the file was removed). The same refusal of the same content is
     * journaled once: a repeat returns the earlier record.
     *
     * @param file the file
     * @param reason the code
     * @param message the cause and the remedy
     * @return the journal record
     */
    UpdateRecordDTO refuse(String file, io.liveswap.api.Reason reason, String message);

    /**
     * Rolls a unit back to the version before its newest committed update, carrying its state down through the
     * state transformers.
     *
     * @param unit the unit name
     * @return the journal record of the outcome (ROLLED_BACK, REFUSED or ABORTED)
     */
    UpdateRecordDTO rollback(String unit);

    /**
     * @param unit a unit name, or {@code null} for all units
     * @return the journal, oldest first
     */
    List<UpdateRecordDTO> history(String unit);

    /** @return the updates waiting for their predecessor */
    List<UpdateRecordDTO> pending();

    /**
     * Forgets a file: a pending update is dropped; the newest committed update of its unit is rolled back.
     *
     * @param file the update bundle file that was removed
     * @return the outcome, or {@code null} if the file meant nothing to the manager
     */
    UpdateRecordDTO withdraw(String file);

    /**
     * A dry run: says what {@link #apply} would do with a file, without swapping anything, journaling anything or
     * leaving a bundle installed. The file is read and its signature checked, the version ledger decides its order,
     * and an update that would apply is tried ({@link io.liveswap.mediator.Mediator#trial}): its bundle is installed
     * beside the running version, resolved and started, and a copy of the running version's state (exported in a
     * short pause of the unit) is transformed and imported into its throwaway instance, then uninstalled.
     *
     * <p><b>Threading.</b> Runs one at a time with updates (it waits for a running update, and an update waits for
     * it); the unit's callers wait only during the export's pause.
     *
     * @param file path of the update bundle jar
     * @return what the update would do
     * @since 1.3
     */
    CheckDTO check(String file);

    /**
     * Ends a unit's probation now, as if its time had passed: the update is accepted and journaled ACCEPTED, so a
     * restart keeps it.
     *
     * @param unit the unit name
     * @return the ACCEPTED record
     * @throws IllegalArgumentException naming the cause and the remedy, if the unit is unknown or not on probation
     * @since 1.4
     */
    UpdateRecordDTO accept(String unit);

    /**
     * @return the units on probation now
     * @since 1.4
     */
    List<ProbationDTO> probations();

    /**
     * Withdraws a pending update: it no longer waits for its predecessor, and its file stays where it is, parked
     * (journaled PARKED): the watched folder does not apply it again until its content changes, and
     * {@link #apply} still can.
     *
     * @param unit the unit name
     * @param version the version the pending update brings
     * @return the PARKED record
     * @throws IllegalArgumentException naming the cause and the remedy, if no such update is pending
     * @since 1.4
     */
    UpdateRecordDTO withdraw(String unit, String version);
}
