package io.liveswap.updates.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import io.liveswap.updates.UpdateRecordDTO;

/**
 * A read-only view of the journal: its history as DTOs, the updates a unit has applied, the last commit of a file.
 * Thread safe: every question reads one snapshot of the records.
 */
public final class JournalView {

    private final Journal journal;

    public JournalView(Journal journal) {
        this.journal = journal;
    }

    /**
     * @param unit a unit name, or {@code null} for every record
     * @return the records, oldest first
     */
    public List<UpdateRecordDTO> history(String unit) {
        List<UpdateRecordDTO> out = new ArrayList<>();
        for (JournalRecord record : journal.records()) {
            if (unit == null || unit.equals(record.unit())) {
                out.add(dto(record));
            }
        }
        return out;
    }

    /** @return the committed updates of a unit that no rollback undid, newest first */
    public Deque<JournalRecord> appliedUpdates(String unit) {
        Deque<JournalRecord> applied = new ArrayDeque<>();
        for (JournalRecord record : journal.records()) {
            if (!unit.equals(record.unit())) {
                continue;
            }
            if (record.kind() == RecordKind.COMMITTED) {
                applied.push(record);
            } else if (record.kind() == RecordKind.ROLLED_BACK && !applied.isEmpty()) {
                applied.pop();
            }
        }
        return applied;
    }

    /** @return the newest COMMITTED record of the file with this SHA-256 */
    public Optional<JournalRecord> lastCommitOf(String sha256) {
        List<JournalRecord> records = journal.records();
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).kind() == RecordKind.COMMITTED && sha256.equals(records.get(i).sha256())) {
                return Optional.of(records.get(i));
            }
        }
        return Optional.empty();
    }

    /** @return every record, oldest first */
    public List<JournalRecord> records() {
        return journal.records();
    }

    /** @return the record as the API shows it */
    public static UpdateRecordDTO dto(JournalRecord record) {
        UpdateRecordDTO dto = new UpdateRecordDTO();
        dto.sequence = record.sequence();
        dto.time = record.time();
        dto.kind = record.kind().name();
        dto.reason = record.reason();
        dto.unit = record.unit();
        dto.from = record.from();
        dto.to = record.to();
        dto.file = record.file();
        dto.message = record.message();
        dto.pauseMicros = record.timings().pauseMicros();
        dto.drainMicros = record.timings().drainMicros();
        dto.transferMicros = record.timings().transferMicros();
        return dto;
    }
}
