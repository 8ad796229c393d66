package io.liveswap.updates.installer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitDTO;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.core.crash.CrashPoints;
import io.liveswap.spi.UnitControl;
import io.liveswap.spi.UnitControls;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;
import io.liveswap.updates.format.InvalidUpdateException;
import io.liveswap.updates.format.TrustPolicy;
import io.liveswap.updates.format.UpdateBundleReader;
import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.journal.Journal;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.ledger.VersionLedger;

/**
 * Applies update bundles one at a time: read and validate the file, ask the version ledger, then apply through the
 * mediator (journaling the intent first and the outcome after), hold as pending, or refuse. After every commit the
 * unit's pending updates are tried again, so updates dropped out of order apply in order.
 */
@Component(service = UpdateManager.class, configurationPid = UpdateManagerImpl.PID)
@Designate(ocd = UpdateManagerImpl.Config.class)
public final class UpdateManagerImpl implements UpdateManager {

    static final String PID = "io.liveswap.updates";
    /** Framework property naming the journal's folder; otherwise the configuration's, else the bundle's data area. */
    static final String JOURNAL_DIR_PROPERTY = "liveswap.journal.dir";

    @ObjectClassDefinition(name = "Liveswap updates")
    @interface Config {
        @AttributeDefinition(description = "Folder of the update journal and of the archived versions (empty: the"
                + " framework property liveswap.journal.dir, else the platform bundle's data area)")
        String journalDirectory() default "";

        @AttributeDefinition(description = "Key store (PKCS12 or JKS) of the certificates whose signatures updates"
                + " must carry (empty: the framework property liveswap.trust.store; none: unsigned updates are"
                + " accepted)")
        String trustStore() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the trust store (empty: the"
                + " framework property liveswap.trust.password)")
        String trustStorePassword() default "";
    }

    /** Framework property naming the trust store, when the configuration does not. */
    static final String TRUST_STORE_PROPERTY = "liveswap.trust.store";
    /** Framework property with the trust store's password, when the configuration does not. */
    static final String TRUST_PASSWORD_PROPERTY = "liveswap.trust.password";

    private static final Logger LOG = LoggerFactory.getLogger(UpdateManagerImpl.class);

    private final Mediator mediator;
    private final TranslationTable table;
    private final UnitControls controls;
    private final Journal journal;
    private final BundleArchive archive;
    private final Map<Path, UpdateDescriptor> pending = new LinkedHashMap<>();
    private final TrustPolicy trust;
    private final ExecutorService restorer = Executors.newSingleThreadExecutor(r -> new Thread(r,
            "liveswap-restore"));

    @Activate
    public UpdateManagerImpl(BundleContext context, @Reference Mediator mediator, @Reference TranslationTable table,
            @Reference UnitControls controls, Config config) throws IOException {
        this.mediator = mediator;
        this.table = table;
        this.controls = controls;
        Path directory = journalDirectory(context, config);
        this.journal = Journal.open(directory);
        this.archive = new BundleArchive(directory.resolve("versions"));
        this.trust = trustPolicy(context, config);
        LOG.info("Update journal in {}", directory.toAbsolutePath());
        restorer.execute(new Restore(this, journal.records(), context)::run);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        restorer.shutdownNow();
        restorer.awaitTermination(10, TimeUnit.SECONDS);
    }

    // ---- used by Restore, each under this object's lock

    /**
     * Brings a unit back to the version the journal says it committed, replaying its committed updates oldest
     * first from their still-installed bundles, their files or the archived copies, so that every step's state
     * transformer is present.
     */
    synchronized void restore(String unit) {
        List<JournalRecord> steps = new ArrayList<>(appliedUpdates(unit));
        java.util.Collections.reverse(steps);
        for (JournalRecord step : steps) {
            Version current = currentVersion(unit);
            Version target = Version.parseVersion(step.to());
            if (current == null || target.compareTo(current) <= 0) {
                continue;
            }
            if (!restoreStep(unit, current, target, step)) {
                return;
            }
        }
    }

    private boolean restoreStep(String unit, Version current, Version target, JournalRecord step) {
        UnitControl control = controls.control(unit);
        Optional<ServiceReference<?>> registered = control.candidates().stream()
                .filter(r -> control.versionOf(r).equals(target)).findFirst();
        Path source = path(step.file());
        if (registered.isEmpty() && (source == null || !Files.isRegularFile(source))) {
            source = archive.copyOf(unit, target);
        }
        if (registered.isEmpty() && !Files.isRegularFile(source)) {
            record(Journal.REFUSED, unit, current.toString(), target.toString(), null, null, "cannot restore"
                    + " version " + target + " after a restart: its bundle is neither installed nor in "
                    + step.file() + "; the unit runs at " + current + ". Apply " + target + " again");
            return false;
        }
        try {
            SwapReport report = registered.isPresent() ? mediator.swap(unit, registered.get())
                    : mediator.update(unit, source.toUri().toString());
            record(Journal.COMMITTED, unit, current.toString(), target.toString(), path(step.file()),
                    step.sha256(), "restored; after a restart, from " + (registered.isPresent()
                            ? "the installed bundle" : source.getFileName()) + ", pause "
                            + report.pauseNanos / 1000 + " µs");
            return true;
        } catch (RuntimeException e) {
            record(Journal.ABORTED, unit, current.toString(), target.toString(), path(step.file()), step.sha256(),
                    "restoring version " + target + " after a restart failed: " + e.getMessage());
            return false;
        }
    }

    /** Holds again an update that was pending before a restart, without a new record. */
    synchronized void restorePending(Path file) {
        try {
            UpdateDescriptor update = UpdateBundleReader.read(file, trust);
            Version current = currentVersion(update.unit());
            if (current != null && update.replaces() != null && update.version().compareTo(current) > 0) {
                pending.put(update.file(), update);
                applyPending(update.unit());
            }
        } catch (InvalidUpdateException gone) {
            LOG.info("A pending update is no longer usable after the restart: {}", gone.getMessage());
        }
    }

    private static Path path(String file) {
        return file == null ? null : Path.of(file);
    }

    private static TrustPolicy trustPolicy(BundleContext context, Config config) throws IOException {
        String store = config.trustStore().isBlank() ? context.getProperty(TRUST_STORE_PROPERTY) : config.trustStore();
        if (store == null || store.isBlank()) {
            LOG.warn("NO TRUST STORE IS CONFIGURED: this platform applies UNSIGNED update bundles. Anyone who can"
                    + " write to the watched folder can run code here. Configure {} (or trustStore in {}) to accept"
                    + " only signed updates", TRUST_STORE_PROPERTY, PID);
            return TrustPolicy.acceptUnsigned();
        }
        String password = config.trustStorePassword().isBlank() ? context.getProperty(TRUST_PASSWORD_PROPERTY)
                : config.trustStorePassword();
        TrustPolicy policy = TrustPolicy.trustStore(Path.of(store), password == null ? null : password.toCharArray());
        LOG.info("Only update bundles signed by a signer in {} are applied", store);
        return policy;
    }

    private static Path journalDirectory(BundleContext context, Config config) {
        String property = context.getProperty(JOURNAL_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (!config.journalDirectory().isBlank()) {
            return Path.of(config.journalDirectory());
        }
        return context.getDataFile("journal").toPath();
    }

    @Override
    public synchronized UpdateRecordDTO apply(String file) {
        return apply(file, false);
    }

    @Override
    public synchronized UpdateRecordDTO offer(String file) {
        return apply(file, true);
    }

    private UpdateRecordDTO apply(String file, boolean fromFolder) {
        Path path = toPath(file);
        UpdateDescriptor update;
        try {
            update = UpdateBundleReader.read(path, trust);
        } catch (InvalidUpdateException e) {
            return record(Journal.REFUSED, null, null, null, path, null, e.getMessage());
        }
        if (fromFolder && update.version().equals(currentVersion(update.unit()))) {
            Optional<JournalRecord> applied = lastCommitOf(update.sha256());
            if (applied.isPresent()) {
                return dto(applied.get()); // the same file reported again: it is in place already
            }
        }
        UpdateRecordDTO outcome = applyOrHold(update);
        applyPending(update.unit());
        return outcome;
    }

    private UpdateRecordDTO applyOrHold(UpdateDescriptor update) {
        pending.remove(update.file());
        Version current = currentVersion(update.unit());
        VersionLedger.Decision decision = VersionLedger.decide(update, current,
                table.units().stream().map(u -> u.name).toList());
        switch (decision.verdict()) {
            case PENDING:
                pending.put(update.file(), update);
                return record(Journal.PENDING, update, current, decision.message());
            case REFUSE:
                return record(Journal.REFUSED, update, current, decision.message());
            default:
                return swap(update, current);
        }
    }

    private UpdateRecordDTO swap(UpdateDescriptor update, Version current) {
        boolean restoring = lastCommitOf(update.sha256()).isPresent();
        CrashPoints.reach(CrashPoints.BEFORE_INTENT);
        record(Journal.INTENT, update, current, restoring ? "applying again (the framework restarted without it)"
                : "applying");
        CrashPoints.reach(CrashPoints.AFTER_INTENT);
        keepCopyOfCurrent(update.unit(), current);
        try {
            SwapReport report = mediator.update(update.unit(), update.file().toUri().toString());
            CrashPoints.reach(CrashPoints.BEFORE_OUTCOME);
            return record(Journal.COMMITTED, update, current, (restoring ? "restored; " : "") + "pause "
                    + report.pauseNanos / 1000 + " µs, " + report.stateValues + " state values carried");
        } catch (SwapAbortedException e) {
            return record(Journal.ABORTED, update, current, e.getMessage());
        } catch (RuntimeException e) {
            return record(Journal.ABORTED, update, current, "the update failed: " + e);
        }
    }

    private void keepCopyOfCurrent(String unit, Version current) {
        ServiceReference<?> implementation = controls.control(unit).implementationReference();
        if (implementation == null || implementation.getBundle() == null) {
            return;
        }
        try {
            archive.keep(unit, current, implementation.getBundle());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not keep a copy of unit '{}' version {} ({}); rolling back to it will not be possible",
                    unit, current, e.getMessage());
        }
    }

    private void applyPending(String unit) {
        boolean progress = true;
        while (progress) {
            progress = false;
            Version current = currentVersion(unit);
            for (UpdateDescriptor waiting : List.copyOf(pending.values())) {
                if (waiting.unit().equals(unit) && waiting.replaces().equals(current)) {
                    pending.remove(waiting.file());
                    UpdateRecordDTO outcome = applyOrHold(waiting);
                    progress = Journal.COMMITTED.equals(outcome.kind);
                    break;
                }
            }
        }
    }

    @Override
    public synchronized UpdateRecordDTO rollback(String unit) {
        Version current = currentVersion(unit);
        if (current == null) {
            throw new IllegalArgumentException("Unknown unit '" + unit + "'. Known units: "
                    + String.join(", ", table.units().stream().map(u -> u.name).toList()));
        }
        Deque<JournalRecord> applied = appliedUpdates(unit);
        if (applied.isEmpty() || !current.toString().equals(applied.peek().to())) {
            return record(Journal.REFUSED, unit, current.toString(), null, null, null, "unit '" + unit + "' is at "
                    + current + ", which no update in the journal brought: there is nothing to roll back");
        }
        JournalRecord newest = applied.peek();
        Version previous = Version.parseVersion(newest.from());
        Path copy = archive.copyOf(unit, previous);
        if (!Files.isRegularFile(copy)) {
            return record(Journal.REFUSED, unit, current.toString(), previous.toString(), null, null, "no copy of"
                    + " unit '" + unit + "' version " + previous + " was kept, so it cannot be installed again;"
                    + " install that version's bundle as an update instead");
        }
        record(Journal.INTENT, unit, current.toString(), previous.toString(), copy, null, "rolling back");
        try {
            SwapReport report = mediator.update(unit, copy.toUri().toString());
            return record(Journal.ROLLED_BACK, unit, current.toString(), previous.toString(), copy, null,
                    "rolled back from " + current + " to " + previous + ", pause " + report.pauseNanos / 1000
                            + " µs, " + report.stateValues + " state values carried down");
        } catch (SwapAbortedException e) {
            return record(Journal.ABORTED, unit, current.toString(), previous.toString(), copy, null,
                    "rollback refused: " + e.getMessage());
        }
    }

    @Override
    public synchronized UpdateRecordDTO withdraw(String file) {
        Path path = toPath(file);
        UpdateDescriptor waiting = pending.remove(path);
        if (waiting != null) {
            return record(Journal.WITHDRAWN, waiting, currentVersion(waiting.unit()), "the pending update's file"
                    + " was removed");
        }
        for (UnitDTO unit : table.units()) {
            Deque<JournalRecord> applied = appliedUpdates(unit.name);
            if (!applied.isEmpty() && path.toString().equals(applied.peek().file())
                    && applied.peek().to().equals(unit.version)) {
                return rollback(unit.name);
            }
        }
        return null;
    }

    /** Committed updates of a unit not undone by a rollback, newest first. */
    Deque<JournalRecord> appliedUpdates(String unit) {
        Deque<JournalRecord> applied = new ArrayDeque<>();
        for (JournalRecord record : journal.records()) {
            if (!unit.equals(record.unit())) {
                continue;
            }
            if (Journal.COMMITTED.equals(record.kind())) {
                applied.push(record);
            } else if (Journal.ROLLED_BACK.equals(record.kind()) && !applied.isEmpty()) {
                applied.pop();
            }
        }
        return applied;
    }

    private Optional<JournalRecord> lastCommitOf(String sha256) {
        List<JournalRecord> records = journal.records();
        for (int i = records.size() - 1; i >= 0; i--) {
            if (Journal.COMMITTED.equals(records.get(i).kind()) && sha256.equals(records.get(i).sha256())) {
                return Optional.of(records.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public List<UpdateRecordDTO> history(String unit) {
        List<UpdateRecordDTO> out = new ArrayList<>();
        for (JournalRecord record : journal.records()) {
            if (unit == null || unit.equals(record.unit())) {
                out.add(dto(record));
            }
        }
        return out;
    }

    @Override
    public synchronized List<UpdateRecordDTO> pending() {
        List<UpdateRecordDTO> out = new ArrayList<>();
        for (UpdateDescriptor waiting : pending.values()) {
            UpdateRecordDTO dto = new UpdateRecordDTO();
            dto.kind = Journal.PENDING;
            dto.unit = waiting.unit();
            Version current = currentVersion(waiting.unit());
            dto.from = current == null ? null : current.toString();
            dto.to = waiting.version().toString();
            dto.file = waiting.file().toString();
            dto.message = "waits for version " + waiting.replaces();
            out.add(dto);
        }
        return out;
    }

    Version currentVersion(String unit) {
        try {
            return controls.control(unit).version();
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private UpdateRecordDTO record(String kind, UpdateDescriptor update, Version current, String message) {
        return record(kind, update.unit(), current == null ? null : current.toString(), update.version().toString(),
                update.file(), update.sha256(), message);
    }

    private UpdateRecordDTO record(String kind, String unit, String from, String to, Path file, String sha256,
            String message) {
        String line = kind + (unit == null ? "" : " unit '" + unit + "'") + (to == null ? ""
                : " " + (from == null ? "" : from + " -> ") + to) + (file == null ? "" : " (" + file.getFileName() + ")")
                + ": " + message;
        if (Journal.REFUSED.equals(kind) || Journal.ABORTED.equals(kind)) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        try {
            return dto(journal.append(kind, unit, from, to, file == null ? null : file.toString(), sha256, message));
        } catch (IOException e) {
            LOG.error("Could not write the update journal: {}", e.getMessage());
            UpdateRecordDTO dto = new UpdateRecordDTO();
            dto.kind = kind;
            dto.unit = unit;
            dto.from = from;
            dto.to = to;
            dto.file = file == null ? null : file.toString();
            dto.message = message + " (not journaled: " + e.getMessage() + ")";
            return dto;
        }
    }

    private static UpdateRecordDTO dto(JournalRecord record) {
        UpdateRecordDTO dto = new UpdateRecordDTO();
        dto.sequence = record.sequence();
        dto.time = record.time();
        dto.kind = record.kind();
        dto.unit = record.unit();
        dto.from = record.from();
        dto.to = record.to();
        dto.file = record.file();
        dto.message = record.message();
        return dto;
    }

    private static Path toPath(String file) {
        if (file.startsWith("file:")) {
            return Path.of(URI.create(file)).toAbsolutePath().normalize();
        }
        return Path.of(file).toAbsolutePath().normalize();
    }
}
