package io.liveswap.updates.installer;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.JournalView;
import io.liveswap.updates.journal.RecordKind;

/**
 * Judges a file the watched folder reports by what became of its content (its SHA-256) before, so that the folder
 * means the same whether the platform was running or not (docs/UPDATES.md, "Restarts and the watched folder"):
 * applied (in place, or superseded since), rolled back on command (until the content changes), or, reported
 * unchanged at a start, refused, aborted or pending: such a file is not applied again and adds no record.
 *
 * <p>Threading: not thread safe; the update manager calls it under its monitor.
 */
final class FileHistory {

    private static final Logger LOG = LoggerFactory.getLogger(FileHistory.class);

    /** What to do with the file. */
    enum Verdict {
        /** Decide it as a new update. */
        TRY,
        /** Leave it: its earlier outcome stands. */
        STANDS,
        /** Hold it as pending again, without a record. */
        HOLD
    }

    record Judgement(Verdict verdict, JournalRecord before) {
    }

    private static final Judgement TRY = new Judgement(Verdict.TRY, null);
    /**
     * The outcomes that tell about one file, not about its content: another file of the same content (a copy) is
     * judged by its own records.
     */
    private static final Set<RecordKind> OF_ONE_FILE = EnumSet.of(RecordKind.REFUSED, RecordKind.ABORTED,
            RecordKind.PENDING, RecordKind.WITHDRAWN);

    private final JournalView journal;
    /**
     * Files (path and content) reported since this start: one reported again was changed on disk (touched) while
     * running. Keyed by file, not content alone: two files of one content (a copy under another name) are both
     * reported at a start, and the second is no touched file.
     */
    private final Set<String> seen = new HashSet<>();

    FileHistory(JournalView journal) {
        this.journal = journal;
    }

    /**
     * @param update the file, read
     * @param current the unit's version, or {@code null}
     * @param fromFolder whether the watched folder reported it ({@code liveswap:apply} always tries)
     */
    Judgement judge(UpdateDescriptor update, Version current, boolean fromFolder) {
        boolean firstSight = seen.add(update.file() + "\n" + update.sha256());
        Optional<JournalRecord> outcome = journal.fileOutcome(update.sha256());
        if (!fromFolder || outcome.isEmpty()) {
            return TRY;
        }
        JournalRecord before = outcome.get();
        String name = update.file().getFileName().toString();
        if (firstSight && OF_ONE_FILE.contains(before.kind()) && !update.file().toString().equals(before.file())) {
            // the content's newest record is another file's (a copy): this file answers by its own record of the
            // content, if it has one; without one it is a new file
            Optional<JournalRecord> own = ownRecord(update);
            if (own.isEmpty()) {
                return TRY;
            }
            // its own commit may have been undone since by a rollback on command, which then answers for it
            before = journal.undoneBy(own.get()).orElse(own.get());
        }
        switch (before.kind()) {
            case COMMITTED:
                if (current == null || current.compareTo(update.version()) < 0) {
                    return TRY;
                }
                if (before.file() == null || !name.equals(Path.of(before.file()).getFileName().toString())) {
                    return TRY; // a copy under another name: refused as a duplicate, once
                }
                LOG.info("{}: applied before (record {}); unit '{}' is at {}", name, before.sequence(),
                        update.unit(), current);
                return new Judgement(Verdict.STANDS, before);
            case ROLLED_BACK:
                if (before.sha256() != null) {
                    return TRY; // rolled back because its file was removed: dropped again, it applies
                }
                LOG.info("{}: rolled back on command (record {}); not applied again until its content changes, or"
                        + " by liveswap:apply", name, before.sequence());
                return new Judgement(Verdict.STANDS, before);
            case REVERTED:
            case PARKED:
                LOG.info("{}: {} (record {}); not applied again until its content changes, or by liveswap:apply",
                        name, before.kind(), before.sequence());
                return new Judgement(Verdict.STANDS, before);
            case REFUSED:
            case ABORTED:
                if (!firstSight) {
                    return TRY; // touched while running: tried again, as the folder promises
                }
                LOG.info("{}: {} before (record {}) and unchanged since; not tried again until it changes", name,
                        before.kind(), before.sequence());
                return new Judgement(Verdict.STANDS, before);
            case PENDING:
                if (!firstSight) {
                    return TRY;
                }
                LOG.info("{}: pending again (record {})", name, before.sequence());
                return new Judgement(Verdict.HOLD, before);
            default:
                return TRY;
        }
    }

    /** @return the newest record, other than an INTENT, of this file with this content */
    private Optional<JournalRecord> ownRecord(UpdateDescriptor update) {
        List<JournalRecord> records = journal.records();
        for (int i = records.size() - 1; i >= 0; i--) {
            JournalRecord record = records.get(i);
            if (record.kind() != RecordKind.INTENT && update.file().toString().equals(record.file())
                    && update.sha256().equals(record.sha256())) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }
}
