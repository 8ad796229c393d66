package io.liveswap.updates.installer;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.framework.BundleContext;

import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.updates.UpdateRecordDTO;
import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.JournalView;
import io.liveswap.updates.journal.RecordKind;
import io.liveswap.updates.journal.Timings;
import io.liveswap.updates.probation.Probation;
import io.liveswap.updates.probation.ProbationSettings;
import io.liveswap.updates.probation.Probations;
import io.liveswap.updates.probation.UnitHealthChecks;
import io.liveswap.updates.probation.Verdict;

/**
 * What the update manager does about probation: begins one when an update commits, accepts it (its time passed, on
 * command, or a newer update builds on it), reverts a unit whose probation failed, and ends the probation of a unit
 * that a rollback moved off its version.
 *
 * <p><b>Protocol.</b> Every method but the two {@link Probations.Outcome} callbacks is called under the update
 * manager's monitor. The callbacks come from the probation timer; they take that monitor
 * ({@link UpdateManagerImpl#exclusively}) and act only if the probation judged is still the unit's, so an update,
 * rollback or command that ended it meanwhile wins and nothing is done twice.
 */
final class ProbationControl implements Probations.Outcome {

    private static final Logger LOG = LoggerFactory.getLogger(ProbationControl.class);

    private final UpdateManagerImpl updates;
    private final JournalView journal;
    private final Outcomes outcomes;
    private final Rollbacks rollbacks;
    private final Probations probations;

    /** @param executor Felix Health Checks' executor, {@code null} while none is registered */
    ProbationControl(UpdateManagerImpl updates, JournalView journal, Outcomes outcomes, Rollbacks rollbacks,
            ProbationSettings settings, BundleContext context, Supplier<HealthCheckExecutor> executor) {
        this.updates = updates;
        this.journal = journal;
        this.outcomes = outcomes;
        this.rollbacks = rollbacks;
        UnitHealthChecks own = new UnitHealthChecks(context, () -> Set.copyOf(updates.unitNames()), updates::unit,
                this::probationOf);
        this.probations = new Probations(settings, updates::unit, executor, this, own);
    }

    private Optional<Probation> probationOf(String unit) {
        return probations.of(unit);
    }

    Probations probations() {
        return probations;
    }

    /**
     * Erlang's rule, at start (before the restore): an update still on probation when the platform stopped (no
     * ACCEPTED record followed its commit) is journaled REVERTED ({@link Reason#PROBATION_RESTART}), so the restore
     * brings the unit back to its last accepted version. The one record a restore writes: it changes what the journal
     * says. Called under the update manager's monitor.
     */
    void revertUnaccepted(String unit) {
        journal.onProbation(unit).ifPresent(commit -> outcomes.record(JournalRecord.draft(RecordKind.REVERTED,
                Reason.PROBATION_RESTART, unit, commit.to(), commit.from(), commit.file(), commit.sha256(),
                "the platform restarted while version " + commit.to() + " was on probation (until "
                        + java.time.Instant.ofEpochMilli(commit.probationUntil()) + "): the unit comes back on "
                        + commit.from() + ", its last accepted version. Apply the update again to try it again, or"
                        + " accept an update (liveswap:accept) before a planned restart", Timings.NONE)));
    }

    /** @return the probation of this update in milliseconds; 0 for none */
    long millisFor(UpdateDescriptor update) {
        return probations.settings().millisFor(update);
    }

    /** An update of the unit is about to apply on top of its version: a version on probation is accepted first. */
    void beforeUpdate(UpdateDescriptor update) {
        probations.of(update.unit()).ifPresent(p -> accept(p, "version " + update.version() + " is applied on top of"
                + " it"));
    }

    /** After an update's outcome: a COMMITTED one with a probation time begins its probation. */
    void afterUpdate(UpdateRecordDTO outcome) {
        if (RecordKind.COMMITTED.name().equals(outcome.kind) && outcome.probationUntil > 0) {
            probations.begin(new Probation(outcome.unit, Version.parseVersion(outcome.from),
                    Version.parseVersion(outcome.to), outcome.sequence, outcome.file, outcome.time,
                    outcome.probationUntil));
        }
    }

    /** After a rollback or a withdrawal: the unit is no longer at the version on probation. */
    void settle(String unit) {
        probations.of(unit).filter(p -> !p.to().equals(updates.currentVersion(unit)))
                .ifPresent(p -> probations.end(unit));
    }

    /**
     * @throws IllegalArgumentException if the unit is not on probation
     */
    UpdateRecordDTO acceptOnCommand(String unit) {
        Probation probation = probations.of(unit).orElseThrow(() -> new IllegalArgumentException("unit '" + unit
                + "' is not on probation (liveswap:probation lists those that are); nothing to accept"));
        return accept(probation, "accepted by the operator before its time");
    }

    private UpdateRecordDTO accept(Probation probation, String why) {
        probations.end(probation.unit());
        return outcomes.record(JournalRecord.draft(RecordKind.ACCEPTED, Reason.NONE, probation.unit(),
                probation.from().toString(), probation.to().toString(), probation.file(), null, "version "
                        + probation.to() + " accepted: " + why, Timings.NONE));
    }

    @Override
    public void passed(Probation probation) {
        updates.exclusively(() -> {
            if (!probations.isCurrent(probation)) {
                return;
            }
            if (!probation.to().equals(updates.currentVersion(probation.unit()))) {
                // e.g. a plain OSGi update replaced the version outside the update manager: no verdict on it
                probations.end(probation.unit());
                LOG.warn("Probation of unit '{}' {} ended without a verdict: the unit serves {} now", probation.unit(),
                        probation.to(), updates.currentVersion(probation.unit()));
                return;
            }
            accept(probation, "its probation passed with every signal good");
        });
    }

    @Override
    public void failed(Probation probation, Verdict verdict) {
        updates.exclusively(() -> {
            if (!probations.isCurrent(probation)) {
                return;
            }
            probations.end(probation.unit());
            Optional<JournalRecord> commit = journal.appliedUpdates(probation.unit()).stream()
                    .filter(r -> r.sequence() == probation.commit()).findFirst();
            if (commit.isEmpty() || !probation.to().equals(updates.currentVersion(probation.unit()))) {
                LOG.warn("Probation of unit '{}' {} failed ({}), but the unit has moved on; nothing to revert",
                        probation.unit(), probation.to(), verdict.cause());
                return;
            }
            UpdateRecordDTO outcome = rollbacks.revert(probation.unit(), commit.get(), verdict.reason(),
                    verdict.cause());
            if (!RecordKind.REVERTED.name().equals(outcome.kind)) {
                LOG.error("Unit '{}' failed its probation of version {} and could NOT go back to {}: {} [{}]",
                        probation.unit(), probation.to(), probation.from(), outcome.message, outcome.reason);
            }
        });
    }
}
