package io.liveswap.updates.installer;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;
import io.liveswap.updates.UpdateRecordDTO;
import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.journal.Journal;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.JournalView;
import io.liveswap.updates.journal.RecordKind;
import io.liveswap.updates.journal.Timings;

/**
 * Writes what happened to an update: a journal record, a log line (a warning for what failed) and the DTO the
 * caller gets back. A journal that cannot be written is logged and named in the DTO's message.
 */
final class Outcomes {

    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

    private final Journal journal;

    Outcomes(Journal journal) {
        this.journal = journal;
    }

    /** An outcome of an update bundle, the unit at {@code current}. */
    UpdateRecordDTO record(RecordKind kind, Reason reason, UpdateDescriptor update, Version current, String message,
            Timings timings) {
        return record(JournalRecord.draft(kind, reason, update.unit(), current == null ? null : current.toString(),
                update.version().toString(), path(update.file()), update.sha256(), message, timings));
    }

    /** An outcome that measured no swap. */
    UpdateRecordDTO record(RecordKind kind, Reason reason, String unit, String from, String to, Path file,
            String sha256, String message) {
        return record(JournalRecord.draft(kind, reason, unit, from, to, path(file), sha256, message, Timings.NONE));
    }

    UpdateRecordDTO record(JournalRecord draft) {
        String line = draft.kind() + (draft.reason() == Reason.NONE ? "" : " [" + draft.reason() + "]")
                + (draft.unit() == null ? "" : " unit '" + draft.unit() + "'") + (draft.to() == null ? ""
                        : " " + (draft.from() == null ? "" : draft.from() + " -> ") + draft.to())
                + (draft.file() == null ? "" : " (" + Path.of(draft.file()).getFileName() + ")") + ": "
                + draft.message();
        if (draft.kind() == RecordKind.REVERTED) {
            LOG.error(line); // loudly: an update went back on its own
        } else if (draft.kind() == RecordKind.REFUSED || draft.kind() == RecordKind.ABORTED) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        try {
            return JournalView.dto(journal.append(draft));
        } catch (IOException e) {
            LOG.error("Could not write the update journal: {}", e.getMessage());
            UpdateRecordDTO dto = JournalView.dto(draft);
            dto.message = draft.message() + " (not journaled: " + e.getMessage() + ")";
            return dto;
        }
    }

    private static String path(Path file) {
        return file == null ? null : file.toString();
    }
}
