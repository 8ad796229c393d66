package io.liveswap.updates.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.FrameworkStartLevel;

import io.liveswap.api.Reason;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.spi.UnitControl;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.JournalView;
import io.liveswap.updates.journal.RecordKind;
import io.liveswap.updates.journal.Timings;

/**
 * After a start, once the framework has reached its beginning start level, brings the platform back to what the
 * journal says: every unit to its last committed version
 * (from its still-installed bundle, its update file or the archived copy), updates interrupted by a crash applied
 * again from their files, pending updates held again. Runs once, on its own thread, waiting (bounded) for the units
 * the journal names to register; FileInstall may report the same files meanwhile, which the journal makes harmless.
 *
 * <p>Protocol: each unit is restored inside {@link UpdateManagerImpl#exclusively}, the lock that serialises every
 * update, so a file FileInstall reports meanwhile is applied before or after a unit's restore, never during it.
 */
final class Restore {

    private static final long UNIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final UpdateManagerImpl updates;
    private final Mediator mediator;
    private final BundleArchive archive;
    private final JournalView journal;
    private final Outcomes outcomes;
    /** The journal as it was at the start, before FileInstall reported any file. */
    private final List<JournalRecord> records;
    private final FrameworkStartLevel startLevel;
    private final int beginning;

    Restore(UpdateManagerImpl updates, Mediator mediator, BundleArchive archive, JournalView journal,
            Outcomes outcomes, BundleContext context) {
        this.updates = updates;
        this.mediator = mediator;
        this.archive = archive;
        this.journal = journal;
        this.outcomes = outcomes;
        this.records = journal.records();
        this.startLevel = context.getBundle(0).adapt(FrameworkStartLevel.class);
        String property = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        this.beginning = property == null ? 1 : Integer.parseInt(property.trim());
    }

    void run() {
        // Bundles an earlier run installed start only once the framework reaches their start level: restoring
        // before that would wait for registrations that cannot happen yet.
        if (!awaitCondition(() -> startLevel.getStartLevel() >= beginning)) {
            return;
        }
        Set<String> units = new LinkedHashSet<>();
        Map<String, JournalRecord> interrupted = new LinkedHashMap<>();
        Map<String, JournalRecord> stillPending = new LinkedHashMap<>();
        for (JournalRecord record : records) {
            if (record.unit() == null) {
                continue;
            }
            units.add(record.unit());
            String key = record.sha256() == null ? record.file() : record.sha256();
            switch (record.kind()) {
                case INTERRUPTED -> interrupted.put(key, record);
                case PENDING -> stillPending.put(key, record);
                case COMMITTED, WITHDRAWN, REFUSED, ABORTED -> {
                    interrupted.remove(key);
                    stillPending.remove(key);
                }
                default -> {
                }
            }
        }
        for (String unit : units) {
            if (awaitCondition(() -> updates.currentVersion(unit) != null)) {
                updates.exclusively(() -> restore(unit));
            }
        }
        for (JournalRecord record : interrupted.values()) {
            if (record.file() != null && Files.isRegularFile(Path.of(record.file()))) {
                updates.offer(record.file());
            }
        }
        for (JournalRecord record : stillPending.values()) {
            if (record.file() != null && Files.isRegularFile(Path.of(record.file()))) {
                updates.holdAgain(Path.of(record.file()));
            }
        }
    }

    /**
     * Brings a unit back to the version the journal says it committed, replaying its committed updates oldest
     * first from their still-installed bundles, their files or the archived copies, so that every step's state
     * transformer is present.
     */
    private void restore(String unit) {
        List<JournalRecord> steps = new ArrayList<>(journal.appliedUpdates(unit));
        Collections.reverse(steps);
        for (JournalRecord step : steps) {
            Version current = updates.currentVersion(unit);
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
        UnitControl control = updates.control(unit);
        Optional<ServiceReference<?>> registered = control.candidates().stream()
                .filter(r -> control.versionOf(r).equals(target)).findFirst();
        Path file = step.file() == null ? null : Path.of(step.file());
        Path source = file;
        if (registered.isEmpty() && (source == null || !Files.isRegularFile(source))) {
            source = archive.copyOf(unit, target);
        }
        if (registered.isEmpty() && !Files.isRegularFile(source)) {
            outcomes.record(RecordKind.REFUSED, Reason.VERSION_UNAVAILABLE, unit, current.toString(),
                    target.toString(), null, null, "cannot restore version " + target + " after a restart: its"
                            + " bundle is neither installed nor in " + step.file() + "; the unit runs at " + current
                            + ". Apply " + target + " again");
            return false;
        }
        try {
            SwapReport report = registered.isPresent() ? mediator.swap(unit, registered.get())
                    : mediator.update(unit, source.toUri().toString());
            outcomes.record(JournalRecord.draft(RecordKind.COMMITTED, Reason.NONE, unit, current.toString(),
                    target.toString(), step.file(), step.sha256(), "restored; after a restart, from "
                            + (registered.isPresent() ? "the installed bundle" : source.getFileName()) + ", pause "
                            + report.pauseNanos / 1000 + " µs", Timings.of(report)));
            return true;
        } catch (RuntimeException e) {
            SwapReport report = e instanceof SwapAbortedException aborted ? aborted.report() : null;
            outcomes.record(JournalRecord.draft(RecordKind.ABORTED, report == null ? Reason.UNEXPECTED
                    : report.reason, unit, current.toString(), target.toString(), step.file(), step.sha256(),
                    "restoring version " + target + " after a restart failed: " + e.getMessage(),
                    Timings.of(report)));
            return false;
        }
    }

    private static boolean awaitCondition(BooleanSupplier condition) {
        long end = System.nanoTime() + UNIT_WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50); // polling a condition, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
