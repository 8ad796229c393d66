package io.liveswap.updates.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;

import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.updates.UpdateRecordDTO;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.JournalView;
import io.liveswap.updates.journal.RecordKind;
import io.liveswap.updates.journal.Timings;

/**
 * Rollbacks: on command, and of updates whose files left the watched folder (while running, or while stopped,
 * found at the next start). A rollback on command leaves the update's content rolled back (its record has no
 * SHA-256); one caused by a removed file names that file and its content, which applies again when dropped again.
 *
 * <p>Threading: called under the update manager's monitor only.
 */
final class Rollbacks {

    private final UpdateManagerImpl updates;
    private final Mediator mediator;
    private final BundleArchive archive;
    private final JournalView journal;
    private final Outcomes outcomes;

    Rollbacks(UpdateManagerImpl updates, Mediator mediator, BundleArchive archive, JournalView journal,
            Outcomes outcomes) {
        this.updates = updates;
        this.mediator = mediator;
        this.archive = archive;
        this.journal = journal;
        this.outcomes = outcomes;
    }

    /**
     * Rolls back, one after the other, a unit's newest updates whose files were in {@code folder} and are gone: the
     * same rule whether the file went while the platform ran (FileInstall reports it) or while it was stopped.
     *
     * @return the outcome of the last rollback, or {@code null} if there was none
     */
    UpdateRecordDTO rollBackRemoved(String unit, Path folder) {
        UpdateRecordDTO last = null;
        while (true) {
            Deque<JournalRecord> applied = journal.appliedUpdates(unit);
            Version current = updates.currentVersion(unit);
            if (applied.isEmpty() || current == null || !current.toString().equals(applied.peek().to())
                    || applied.peek().file() == null) {
                return last;
            }
            Path file = Path.of(applied.peek().file());
            if (!folder.equals(file.getParent()) || Files.exists(file)) {
                return last;
            }
            last = rollback(unit, applied.peek());
            if (!RecordKind.ROLLED_BACK.name().equals(last.kind)) {
                return last;
            }
        }
    }

    /**
     * Rolls a unit back to the version before its newest update, from the kept copy.
     *
     * @param removed the applied update whose file was removed (the cause of this rollback), or {@code null} for a
     *        rollback on command
     */
    UpdateRecordDTO rollback(String unit, JournalRecord removed) {
        return goBack(unit, removed, null, null);
    }

    /**
     * Reverts a unit whose probation failed to the version before its newest update, from the kept copy, carrying
     * its state down: REVERTED with the failure's code and the update's file and content (which the watched folder
     * then does not apply again), or ABORTED if going back failed (the unit stays on the new version, and says so).
     *
     * @param update the COMMITTED record of the update on probation
     * @param reason why the probation failed
     * @param cause what failed, with the figures
     */
    UpdateRecordDTO revert(String unit, JournalRecord update, Reason reason, String cause) {
        return goBack(unit, update, reason, cause);
    }

    private UpdateRecordDTO goBack(String unit, JournalRecord update, Reason revertReason, String revertCause) {
        boolean revert = revertReason != null;
        JournalRecord removed = update;
        Version current = updates.currentVersion(unit);
        if (current == null) {
            throw new IllegalArgumentException("Unknown unit '" + unit + "'. Known units: "
                    + String.join(", ", updates.unitNames()));
        }
        Deque<JournalRecord> applied = journal.appliedUpdates(unit);
        if (applied.isEmpty() || !current.toString().equals(applied.peek().to())) {
            return outcomes.record(RecordKind.REFUSED, Reason.NOTHING_TO_ROLL_BACK, unit, current.toString(), null,
                    null, null, "unit '" + unit + "' is at " + current + ", which no update in the journal brought:"
                            + " there is nothing to roll back");
        }
        Version previous = Version.parseVersion(applied.peek().from());
        Path copy = archive.copyOf(unit, previous);
        if (!Files.isRegularFile(copy)) {
            return outcomes.record(RecordKind.REFUSED, Reason.VERSION_UNAVAILABLE, unit, current.toString(),
                    previous.toString(), null, null, "no copy of unit '" + unit + "' version " + previous + " was"
                            + " kept, so it cannot be installed again; install that version's bundle as an update"
                            + " instead");
        }
        outcomes.record(RecordKind.INTENT, Reason.NONE, unit, current.toString(), previous.toString(), copy, null,
                revert ? "reverting: " + revertCause : "rolling back");
        try {
            SwapReport report = mediator.update(unit, copy.toUri().toString());
            if (revert) {
                return outcomes.record(JournalRecord.draft(RecordKind.REVERTED, revertReason, unit,
                        current.toString(), previous.toString(), update.file(), update.sha256(), "reverted from "
                                + current + " to " + previous + ": " + revertCause + "; pause " + report.pauseNanos
                                / 1000 + " µs, " + report.stateValues + " state values carried down",
                        Timings.of(report)));
            }
            // rolled back because its file was removed: the record names that file and its content, which may be
            // dropped again; on command: the copy installed, and the content stays rolled back
            return outcomes.record(JournalRecord.draft(RecordKind.ROLLED_BACK, Reason.NONE, unit,
                    current.toString(), previous.toString(), removed == null ? copy.toString() : removed.file(),
                    removed == null ? null : removed.sha256(), "rolled back from " + current + " to " + previous
                            + (removed == null ? "" : " (its file was removed)") + ", pause " + report.pauseNanos / 1000
                            + " µs, " + report.stateValues + " state values carried down"
                            + (report.droppedFields.length == 0 ? "" : "; version " + previous
                                    + " has no field for " + String.join(", ", report.droppedFields)),
                    Timings.of(report)));
        } catch (SwapAbortedException e) {
            return outcomes.record(JournalRecord.draft(RecordKind.ABORTED, e.reason(), unit, current.toString(),
                    previous.toString(), copy.toString(), null, (revert ? "the probation failed (" + revertCause
                            + ") but going back failed, so the unit stays at " + current + ": " : "rollback refused: ")
                            + e.getMessage(),
                    Timings.of(e.report())));
        }
    }
}
