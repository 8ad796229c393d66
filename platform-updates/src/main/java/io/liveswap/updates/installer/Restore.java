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

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * journal says, then reconciles the watched folder as a running platform would: every unit to the journal's
 * outcome (its version after all commits and rollbacks; history is never replayed), going up through its chain of
 * committed updates so that every step's state transformer is present (each version from its registered bundle or
 * its archived copy, whatever the folder holds); then each unit's newest update whose file left the watched folder
 * while the platform was stopped is rolled back, as deleting it would have done. Restoring writes no record (it
 * does not change what the journal says), except one: an update still on probation is first journaled REVERTED
 * ({@link Reason#PROBATION_RESTART}), so the unit comes back on its last accepted version. Then updates interrupted by a crash are applied again from their files and
 * pending updates held again.
 *
 * <p>Protocol: each unit is restored inside {@link UpdateManagerImpl#exclusively}, the lock that serialises every
 * update, and the update manager holds back files FileInstall reports until {@link UpdateManagerImpl#restored} is
 * called here, so every file is judged against the restored versions.
 *
 * <p>Shutdown: a {@link SynchronousBundleListener} sees the first bundle stopping once the framework is stopping
 * (or the update manager deactivates first); it marks the restore as stopping and holds that bundle's stop until
 * the step under way has ended (bounded: past the bound the restore thread is interrupted, and the step aborts
 * before its point of no return). So a step ends before any bundle, and the state transformers it brings, goes; no
 * step starts after that, and a stop records nothing: the next start restores from the journal again.
 */
final class Restore {

    private static final Logger LOG = LoggerFactory.getLogger(Restore.class);
    private static final long UNIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long STOP_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(10);

    private final UpdateManagerImpl updates;
    private final Mediator mediator;
    private final BundleArchive archive;
    private final JournalView journal;
    private final Outcomes outcomes;
    private final BundleContext context;
    private final Path watched;
    private final FrameworkStartLevel startLevel;
    private final int beginning;

    /** Guards {@link #stopping}, {@link #inStep} and {@link #worker}. */
    private final Object lock = new Object();
    private boolean stopping;
    private boolean inStep;
    private Thread worker;

    Restore(UpdateManagerImpl updates, Mediator mediator, BundleArchive archive, JournalView journal,
            Outcomes outcomes, BundleContext context, Path watched) {
        this.updates = updates;
        this.mediator = mediator;
        this.archive = archive;
        this.journal = journal;
        this.outcomes = outcomes;
        this.context = context;
        this.watched = watched;
        this.startLevel = context.getBundle(0).adapt(FrameworkStartLevel.class);
        String property = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        this.beginning = property == null ? 1 : Integer.parseInt(property.trim());
    }

    void run() {
        Thread self = Thread.currentThread();
        synchronized (lock) {
            worker = self;
        }
        Bundle system = context.getBundle(0);
        SynchronousBundleListener shutdownWatch = event -> {
            if (event.getType() == BundleEvent.STOPPING && system.getState() == Bundle.STOPPING
                    && Thread.currentThread() != self) {
                stop();
            }
        };
        context.addBundleListener(shutdownWatch);
        List<JournalRecord> records = journal.records();
        try {
            // Bundles an earlier run installed start only once the framework reaches their start level: restoring
            // before that would wait for registrations that cannot happen yet.
            if (!awaitCondition(() -> startLevel.getStartLevel() >= beginning)) {
                return;
            }
            Set<String> units = new LinkedHashSet<>();
            records.stream().filter(r -> r.unit() != null).forEach(r -> units.add(r.unit()));
            units.forEach(unit -> updates.exclusively(() -> updates.revertUnaccepted(unit)));
            for (String unit : units) {
                if (awaitCondition(() -> updates.currentVersion(unit) != null) && !isStopping()) {
                    updates.exclusively(() -> restore(unit));
                    if (watched != null && !isStopping()) {
                        updates.exclusively(() -> updates.rollBackRemoved(unit, watched));
                    }
                }
            }
            if (!isStopping()) {
                LOG.info("Start-up restore done: {}", units.stream().map(u -> u + " " + updates.currentVersion(u))
                        .toList());
            }
        } finally {
            try {
                context.removeBundleListener(shutdownWatch);
            } catch (IllegalStateException stopped) {
                // the platform bundle is stopping: its listeners go with it
            }
            updates.restored();
        }
        if (!isStopping()) {
            resumeInterruptedAndPending(records);
        }
    }

    /**
     * Marks the restore as stopping and waits (bounded) until the step under way has ended; a step that has not
     * ended by then is interrupted (it then aborts before its point of no return, and records nothing).
     */
    void stop() {
        synchronized (lock) {
            stopping = true;
            if (!awaitStepEnd(STOP_WAIT_MILLIS) && worker != null) {
                worker.interrupt();
                awaitStepEnd(STOP_WAIT_MILLIS);
            }
        }
    }

    /** Called holding {@link #lock}. */
    private boolean awaitStepEnd(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (inStep && System.currentTimeMillis() < end) {
            try {
                lock.wait(Math.max(1, end - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !inStep;
            }
        }
        return !inStep;
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    private void resumeInterruptedAndPending(List<JournalRecord> records) {
        Map<String, JournalRecord> interrupted = new LinkedHashMap<>();
        Map<String, JournalRecord> stillPending = new LinkedHashMap<>();
        for (JournalRecord record : records) {
            if (record.unit() == null || record.sha256() == null) {
                continue; // rollbacks install kept copies: nothing to apply again
            }
            switch (record.kind()) {
                case INTERRUPTED -> interrupted.put(record.sha256(), record);
                case PENDING -> stillPending.put(record.sha256(), record);
                case COMMITTED, WITHDRAWN, REFUSED, ABORTED, ROLLED_BACK, PARKED, REVERTED -> {
                    interrupted.remove(record.sha256());
                    stillPending.remove(record.sha256());
                }
                default -> {
                }
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
     * Brings a unit to the journal's outcome: up through its committed updates oldest first, or, if the framework
     * came back above it (a crash after a re-point, before the commit), down to it.
     */
    private void restore(String unit) {
        Optional<String> outcome = journal.outcome(unit);
        Version current = updates.currentVersion(unit);
        if (outcome.isEmpty() || current == null) {
            return;
        }
        Version target = Version.parseVersion(outcome.get());
        if (target.compareTo(current) < 0) {
            step(unit, current, target, null);
            return;
        }
        List<JournalRecord> steps = new ArrayList<>(journal.appliedUpdates(unit));
        Collections.reverse(steps);
        for (JournalRecord step : steps) {
            current = updates.currentVersion(unit);
            Version to = Version.parseVersion(step.to());
            if (current != null && to.compareTo(current) > 0 && !step(unit, current, to, step)) {
                return;
            }
        }
    }

    /** One swap of the restore: no record when it succeeds, none when the platform stops meanwhile. */
    private boolean step(String unit, Version current, Version target, JournalRecord step) {
        UnitControl control = updates.control(unit);
        Optional<ServiceReference<?>> registered = control.candidates().stream()
                .filter(r -> control.versionOf(r).equals(target)).findFirst();
        Path source = archive.copyOf(unit, target);
        if (registered.isEmpty() && !Files.isRegularFile(source) && step != null && step.file() != null) {
            source = Path.of(step.file()); // a journal from before every applied version was kept
        }
        if (registered.isEmpty() && !Files.isRegularFile(source)) {
            outcomes.record(RecordKind.REFUSED, Reason.VERSION_UNAVAILABLE, unit, current.toString(),
                    target.toString(), null, null, "cannot restore version " + target + " after a restart: its"
                            + " bundle is neither installed nor kept in " + source.getParent() + "; the unit runs at "
                            + current + ". Apply " + target + " again");
            return false;
        }
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            inStep = true;
        }
        try {
            SwapReport report = registered.isPresent() ? mediator.swap(unit, registered.get())
                    : mediator.update(unit, source.toUri().toString());
            LOG.info("Restored unit '{}' {} -> {}, its version in the journal, from {} (pause {} µs); nothing to"
                    + " record", unit, current, target, registered.isPresent() ? "the installed bundle"
                            : source, report.pauseNanos / 1000);
            return true;
        } catch (RuntimeException e) {
            if (isStopping()) {
                LOG.info("The platform stopped while unit '{}' was restored to {}; it stays at {}, nothing recorded"
                        + " ({})", unit, target, current, e.getMessage());
                return false;
            }
            SwapReport report = e instanceof SwapAbortedException aborted ? aborted.report() : null;
            outcomes.record(JournalRecord.draft(RecordKind.ABORTED, report == null ? Reason.UNEXPECTED
                    : report.reason, unit, current.toString(), target.toString(), step == null ? null : step.file(),
                    step == null ? null : step.sha256(), "restoring version " + target + " after a restart failed: "
                            + e.getMessage(), Timings.of(report)));
            return false;
        } finally {
            synchronized (lock) {
                inStep = false;
                lock.notifyAll();
            }
        }
    }

    private boolean awaitCondition(BooleanSupplier condition) {
        long end = System.nanoTime() + UNIT_WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0 || Thread.currentThread().isInterrupted() || isStopping()) {
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
