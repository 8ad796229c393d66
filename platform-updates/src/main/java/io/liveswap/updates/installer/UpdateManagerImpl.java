package io.liveswap.updates.installer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitDTO;
import io.liveswap.mediator.Mediator;
import io.liveswap.spi.UnitControl;
import io.liveswap.spi.UnitControls;
import io.liveswap.updates.CheckDTO;
import io.liveswap.updates.ProbationDTO;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;
import io.liveswap.updates.check.UpdateCheck;
import io.liveswap.updates.format.InvalidUpdateException;
import io.liveswap.updates.format.TrustPolicy;
import io.liveswap.updates.format.UpdateBundleReader;
import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.journal.Journal;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.JournalView;
import io.liveswap.updates.journal.RecordKind;
import io.liveswap.updates.journal.Timings;
import io.liveswap.updates.ledger.VersionLedger;

/**
 * Applies update bundles one at a time: read and validate the file, ask the version ledger, then apply through the
 * mediator ({@link JournaledSwap}: the intent journaled first and the outcome after), hold as pending
 * ({@link PendingUpdates}), or refuse. After every commit the unit's pending updates are tried again, so updates
 * dropped out of order apply in order. A file the watched folder reports is first judged by what became of its
 * content before ({@link FileHistory}); rollbacks are {@link Rollbacks}', withdrawals {@link Withdrawals}', and what
 * follows a commit (probation, then acceptance or an automatic revert) {@link ProbationControl}'s.
 *
 * <p>Protocol: this object's monitor serialises every update, rollback, withdrawal and restore step; the pending
 * queue and the {@link FileHistory} are only touched under it. Until the start-up {@link Restore} is done (or the
 * component deactivates), the API's changing calls wait, outside the monitor ({@link RestoreWait}), so that every
 * file is judged against the restored versions. The journal view answers history questions without either.
 */
@Component(service = UpdateManager.class, configurationPid = UpdatesConfig.PID)
@Designate(ocd = UpdatesConfig.class)
public final class UpdateManagerImpl implements UpdateManager {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateManagerImpl.class);

    private final TranslationTable table;
    private final UnitControls controls;
    private final JournalView journal;
    private final Outcomes outcomes;
    private final BundleArchive archive;
    private final PendingUpdates pending = new PendingUpdates();
    private final TrustPolicy trust;
    private final FileHistory history;
    private final Rollbacks rollbacks;
    private final JournaledSwap swaps;
    private final RestoreWait restore = new RestoreWait();
    private final UpdateCheck checks;
    private final ProbationControl probation;
    private final Withdrawals withdrawals;

    /** Apache Felix Health Checks' executor, when installed: probation runs the checks tagged for a unit. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile org.apache.felix.hc.api.execution.HealthCheckExecutor healthChecks;

    @Activate
    public UpdateManagerImpl(BundleContext context, @Reference Mediator mediator, @Reference TranslationTable table,
            @Reference UnitControls controls, UpdatesConfig config) throws IOException {
        this.table = table;
        this.controls = controls;
        Path directory = UpdateSettings.journalDirectory(context, config);
        Journal opened = Journal.open(directory);
        this.journal = new JournalView(opened);
        this.outcomes = new Outcomes(opened);
        this.archive = new BundleArchive(directory.resolve("versions"));
        this.trust = UpdateSettings.trustPolicy(context, config);
        this.history = new FileHistory(journal);
        this.rollbacks = new Rollbacks(this, mediator, archive, journal, outcomes);
        this.swaps = new JournaledSwap(mediator, controls, archive, journal, outcomes);
        this.probation = new ProbationControl(this, journal, outcomes, rollbacks,
                UpdateSettings.probation(context, config), context, () -> healthChecks);
        this.withdrawals = new Withdrawals(this, pending, outcomes, journal);
        this.checks = new UpdateCheck(trust, mediator, this::unitNames, this::currentVersion, probation::millisFor);
        LOG.info("Update journal in {}", directory.toAbsolutePath());
        restore.start(new Restore(this, mediator, archive, journal, outcomes, context,
                UpdateSettings.watchedFolder(context)));
        probation.probations().start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        probation.probations().close();
        restore.stop();
    }

    // ---- used by Restore

    /** The start-up restore is done: files reported meanwhile may now be judged. */
    void restored() {
        restore.done();
    }

    /** @see Rollbacks#rollBackRemoved */
    synchronized UpdateRecordDTO rollBackRemoved(String unit, Path folder) {
        UpdateRecordDTO outcome = rollbacks.rollBackRemoved(unit, folder);
        probation.settle(unit);
        return outcome;
    }

    /** @see ProbationControl#revertUnaccepted */
    void revertUnaccepted(String unit) {
        probation.revertUnaccepted(unit);
    }

    /** Runs an action under the lock that serialises every update. */
    synchronized void exclusively(Runnable action) {
        action.run();
    }

    /** Holds again an update that was pending before a restart, without a new record. */
    synchronized void holdAgain(Path file) {
        try {
            UpdateDescriptor update = UpdateBundleReader.read(file, trust);
            Version current = currentVersion(update.unit());
            if (current != null && update.replaces() != null && update.version().compareTo(current) > 0) {
                pending.hold(update);
                applyPending(update.unit());
            }
        } catch (InvalidUpdateException gone) {
            LOG.info("A pending update is no longer usable after the restart: {}", gone.getMessage());
        }
    }

    List<String> unitNames() {
        return table.units().stream().map(u -> u.name).toList();
    }

    /** @return the unit's DTO, empty for a unit the table does not know */
    Optional<UnitDTO> unit(String name) {
        return table.units().stream().filter(u -> u.name.equals(name)).findFirst();
    }

    UnitControl control(String unit) {
        return controls.control(unit);
    }

    /** @return the unit's version, or {@code null} for a unit the table does not know */
    Version currentVersion(String unit) {
        try {
            return controls.control(unit).version();
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    // ---- the API

    @Override
    public UpdateRecordDTO apply(String file) {
        restore.await();
        synchronized (this) {
            return apply(file, false);
        }
    }

    @Override
    public UpdateRecordDTO offer(String file) {
        restore.await();
        synchronized (this) {
            return apply(file, true);
        }
    }

    private UpdateRecordDTO apply(String file, boolean fromFolder) {
        Path path = Repeats.path(file);
        UpdateDescriptor update;
        try {
            update = UpdateBundleReader.read(path, trust);
        } catch (InvalidUpdateException e) {
            if (fromFolder && e.reason() == Reason.UNREADABLE && !java.nio.file.Files.exists(path)) {
                // removed after the folder reported it (e.g. while the start-up restore held the report back): not
                // a refusal; its removal is reported to withdraw
                LOG.info("{} was removed before it could be read; nothing to judge", path);
                return null;
            }
            String sha256 = Repeats.sha256(path);
            Optional<JournalRecord> repeat = fromFolder ? Repeats.sameRefusal(journal, path, sha256, e.reason())
                    : Optional.empty();
            return repeat.isPresent() ? JournalView.dto(repeat.get())
                    : outcomes.record(RecordKind.REFUSED, e.reason(), null, null, null, path, sha256, e.getMessage());
        }
        FileHistory.Judgement judgement = history.judge(update, currentVersion(update.unit()), fromFolder);
        if (judgement.verdict() == FileHistory.Verdict.HOLD) {
            pending.hold(update);
            applyPending(update.unit());
        }
        if (judgement.verdict() != FileHistory.Verdict.TRY) {
            return JournalView.dto(judgement.before());
        }
        if (fromFolder) {
            Optional<JournalRecord> repeat = Repeats.sameRefusalAgain(journal, update, currentVersion(update.unit()),
                    unitNames());
            if (repeat.isPresent()) {
                LOG.debug("{} reported again: {} before, nothing new", path, repeat.get().kind());
                return JournalView.dto(repeat.get());
            }
        }
        UpdateRecordDTO outcome = applyOrHold(update);
        applyPending(update.unit());
        return outcome;
    }

    @Override
    public synchronized UpdateRecordDTO refuse(String file, Reason reason, String message) {
        Path path = Repeats.path(file);
        String sha256 = Repeats.sha256(path);
        Optional<JournalRecord> repeat = Repeats.sameRefusal(journal, path, sha256, reason);
        return repeat.isPresent() ? JournalView.dto(repeat.get())
                : outcomes.record(RecordKind.REFUSED, reason, null, null, null, path, sha256, message);
    }

    private UpdateRecordDTO applyOrHold(UpdateDescriptor update) {
        pending.remove(update.file());
        Version current = currentVersion(update.unit());
        VersionLedger.Decision decision = VersionLedger.decide(update, current,
                table.units().stream().map(u -> u.name).toList());
        switch (decision.verdict()) {
            case PENDING:
                pending.hold(update);
                return outcomes.record(RecordKind.PENDING, decision.reason(), update, current, decision.message(),
                        Timings.NONE);
            case REFUSE:
                return outcomes.record(RecordKind.REFUSED, decision.reason(), update, current, decision.message(),
                        Timings.NONE);
            default:
                probation.beforeUpdate(update);
                UpdateRecordDTO outcome = swaps.apply(update, current, probation.millisFor(update));
                probation.afterUpdate(outcome);
                return outcome;
        }
    }

    /** Applies the unit's held updates that apply on top of its version, one after the other, while they commit. */
    private void applyPending(String unit) {
        Optional<UpdateDescriptor> next = pending.next(unit, currentVersion(unit));
        while (next.isPresent() && RecordKind.COMMITTED.name().equals(applyOrHold(next.get()).kind)) {
            next = pending.next(unit, currentVersion(unit));
        }
    }

    @Override
    public CheckDTO check(String file) {
        restore.await();
        synchronized (this) {
            return checks.check(Repeats.path(file));
        }
    }

    @Override
    public UpdateRecordDTO rollback(String unit) {
        restore.await();
        synchronized (this) {
            UpdateRecordDTO outcome = rollbacks.rollback(unit, null);
            probation.settle(unit);
            return outcome;
        }
    }

    @Override
    public UpdateRecordDTO accept(String unit) {
        restore.await();
        synchronized (this) {
            if (currentVersion(unit) == null) {
                throw new IllegalArgumentException("unknown unit '" + unit + "'; known units: "
                        + String.join(", ", unitNames()));
            }
            return probation.acceptOnCommand(unit);
        }
    }

    @Override
    public List<ProbationDTO> probations() {
        return probation.probations().list();
    }

    @Override
    public UpdateRecordDTO withdraw(String unit, String version) {
        restore.await();
        synchronized (this) {
            return withdrawals.park(unit, version);
        }
    }

    @Override
    public UpdateRecordDTO withdraw(String file) {
        restore.await();
        synchronized (this) {
            return withdrawals.removed(Repeats.path(file), table.units());
        }
    }

    @Override
    public List<UpdateRecordDTO> history(String unit) {
        return journal.history(unit);
    }

    @Override
    public synchronized List<UpdateRecordDTO> pending() {
        return pending.list(this::currentVersion);
    }
}
