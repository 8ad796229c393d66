package io.liveswap.updates.installer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.FrameworkStartLevel;

import io.liveswap.updates.journal.Journal;
import io.liveswap.updates.journal.JournalRecord;

/**
 * After a start, once the framework has reached its beginning start level, brings the platform back to what the
 * journal says: every unit to its last committed version
 * (from its still-installed bundle, its update file or the archived copy), updates interrupted by a crash applied
 * again from their files, pending updates held again. Runs once, on its own thread, waiting (bounded) for the units
 * the journal names to register; FileInstall may report the same files meanwhile, which the journal makes harmless.
 */
final class Restore {

    private static final long UNIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final UpdateManagerImpl updates;
    private final List<JournalRecord> records;
    private final FrameworkStartLevel startLevel;
    private final int beginning;

    Restore(UpdateManagerImpl updates, List<JournalRecord> records, BundleContext context) {
        this.updates = updates;
        this.records = records;
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
                case Journal.INTERRUPTED -> interrupted.put(key, record);
                case Journal.PENDING -> stillPending.put(key, record);
                case Journal.COMMITTED, Journal.WITHDRAWN, Journal.REFUSED, Journal.ABORTED -> {
                    interrupted.remove(key);
                    stillPending.remove(key);
                }
                default -> {
                }
            }
        }
        for (String unit : units) {
            if (!awaitUnit(unit)) {
                continue;
            }
            updates.restore(unit);
        }
        for (JournalRecord record : interrupted.values()) {
            if (record.file() != null && Files.isRegularFile(Path.of(record.file()))) {
                updates.offer(record.file());
            }
        }
        for (JournalRecord record : stillPending.values()) {
            if (record.file() != null && Files.isRegularFile(Path.of(record.file()))) {
                updates.restorePending(Path.of(record.file()));
            }
        }
    }

    private boolean awaitUnit(String unit) {
        return awaitCondition(() -> updates.currentVersion(unit) != null);
    }

    private static boolean awaitCondition(java.util.function.BooleanSupplier condition) {
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
