package io.liveswap.updates.installer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.liveswap.api.Reason;
import io.liveswap.updates.format.InvalidUpdateException;
import io.liveswap.updates.format.UpdateBundleReader;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.JournalView;
import io.liveswap.updates.journal.RecordKind;

/**
 * The watched folder reports the same file again: at every start, and whenever the file is touched. These are the
 * answers that need no new journal record for a file refused before, with the same content, for the same reason
 * (refused once). What became of an update's content otherwise is {@link FileHistory}'s to judge.
 */
final class Repeats {

    private Repeats() {
    }

    /** The newest outcome of this file, if it is a refusal of the same content for the same reason. */
    static Optional<JournalRecord> sameRefusal(JournalView journal, Path file, String sha256, Reason reason) {
        List<JournalRecord> records = journal.records();
        for (int i = records.size() - 1; i >= 0; i--) {
            JournalRecord record = records.get(i);
            if (record.kind() == RecordKind.INTENT || !file.toString().equals(record.file())) {
                continue;
            }
            boolean same = record.kind() == RecordKind.REFUSED && record.reason() == reason
                    && Objects.equals(sha256, record.sha256());
            return same ? Optional.of(record) : Optional.empty();
        }
        return Optional.empty();
    }

    /** @return the file's SHA-256 in hex, or {@code null} if it cannot be read */
    /** The refusal that already answers a file the folder reports again: same file, content and reason. */
    static Optional<JournalRecord> sameRefusalAgain(JournalView journal, io.liveswap.updates.format.UpdateDescriptor
            update, org.osgi.framework.Version current, java.util.List<String> units) {
        io.liveswap.updates.ledger.VersionLedger.Decision decision = io.liveswap.updates.ledger.VersionLedger.decide(
                update, current, units);
        return decision.verdict() == io.liveswap.updates.ledger.VersionLedger.Verdict.REFUSE
                ? sameRefusal(journal, update.file(), update.sha256(), decision.reason()) : Optional.empty();
    }

    /** A file named by the API: a path (absolute, or relative to the working folder) or a {@code file:} URL. */
    static Path path(String file) {
        if (file.startsWith("file:")) {
            return Path.of(java.net.URI.create(file)).toAbsolutePath().normalize();
        }
        return Path.of(file).toAbsolutePath().normalize();
    }

    static String sha256(Path file) {
        try {
            return UpdateBundleReader.sha256(file);
        } catch (InvalidUpdateException unreadable) {
            return null;
        }
    }
}
