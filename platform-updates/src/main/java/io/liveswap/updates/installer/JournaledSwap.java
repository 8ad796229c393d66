package io.liveswap.updates.installer;

import java.util.Optional;

import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.core.crash.CrashPoints;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.spi.UnitControls;
import io.liveswap.updates.UpdateRecordDTO;
import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.JournalView;
import io.liveswap.updates.journal.RecordKind;
import io.liveswap.updates.journal.Timings;

/**
 * Applies one update the version ledger accepted, through the mediator, journaled: the INTENT first (naming what
 * became of the same content before), then copies of the replaced and the applied version are kept (for rollbacks
 * and restarts), then the outcome: COMMITTED with the swap's times, or ABORTED with its code.
 *
 * <p>Threading: called under the update manager's monitor only.
 */
record JournaledSwap(Mediator mediator, UnitControls controls, BundleArchive archive, JournalView journal,
        Outcomes outcomes) {

    /**
     * Applies {@code update} on top of the unit's {@code current} version.
     *
     * @param probationMillis the probation the update begins if it commits (in its COMMITTED record); 0 for none
     * @return the outcome: COMMITTED, or ABORTED with its code
     */
    UpdateRecordDTO apply(UpdateDescriptor update, Version current, long probationMillis) {
        Optional<JournalRecord> before = journal.fileOutcome(update.sha256());
        String intent = before.isEmpty() ? "applying"
                : before.get().kind() == RecordKind.INTERRUPTED
                        ? "applying again (the platform stopped during its update)"
                : "applying again (this file's content was " + before.get().kind() + " in record "
                        + before.get().sequence() + ")";
        CrashPoints.reach(CrashPoints.BEFORE_INTENT);
        outcomes.record(RecordKind.INTENT, Reason.NONE, update, current, intent, Timings.NONE);
        CrashPoints.reach(CrashPoints.AFTER_INTENT);
        archive.keepReplaced(update.unit(), current, controls.control(update.unit()).implementationReference());
        archive.keepApplied(update);
        try {
            SwapReport report = mediator.update(update.unit(), update.file().toUri().toString());
            CrashPoints.reach(CrashPoints.BEFORE_OUTCOME);
            long until = probationMillis > 0 ? System.currentTimeMillis() + probationMillis : 0;
            return outcomes.record(JournalRecord.draft(RecordKind.COMMITTED, Reason.NONE, update.unit(),
                    current.toString(), update.version().toString(), update.file().toString(), update.sha256(),
                    "pause " + report.pauseNanos / 1000 + " µs, " + report.stateValues + " state values carried"
                            + (report.droppedFields.length == 0 ? ""
                                    : "; the new version has no field for " + String.join(", ", report.droppedFields))
                            + (until == 0 ? "" : "; on probation for " + probationMillis / 1000 + " s: until then a"
                                    + " failing health check or exception rate reverts it to " + current
                                    + (report.stateValues > 0 ? " carrying its state down (liveswap:check shows"
                                            + " beforehand whether its transformers can)" : "")
                                    + ", and a restart comes back on " + current), Timings.of(report))
                    .onProbationUntil(until));
        } catch (SwapAbortedException e) {
            return outcomes.record(RecordKind.ABORTED, e.reason(), update, current, e.getMessage(),
                    Timings.of(e.report()));
        } catch (RuntimeException e) {
            return outcomes.record(RecordKind.ABORTED, Reason.UNEXPECTED, update, current, "the update failed: " + e,
                    Timings.NONE);
        }
    }
}
