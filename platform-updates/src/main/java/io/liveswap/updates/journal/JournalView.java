package io.liveswap.updates.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.liveswap.updates.UpdateRecordDTO;

/**
 * A read-only view of the journal: its history as DTOs, and its outcome: the chain of updates a unit has applied,
 * its version, what became of a file's content.
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

    /**
     * The chain of committed updates that brought a unit to its current version: each COMMITTED record from F to T
     * first drops the updates above F (so a commit of a version the chain holds already, such as the "restored"
     * records older versions wrote at each start, replaces them instead of stacking), and each ROLLED_BACK or
     * REVERTED record to B drops the updates above B. History is read for its outcome, never replayed.
     *
     * @return the committed updates of a unit that no rollback undid, newest first
     */
    public Deque<JournalRecord> appliedUpdates(String unit) {
        return chain(journal.records(), unit, null);
    }

    /**
     * @return the unit's version after every commit and rollback in the journal (the {@code to} of its newest
     *         COMMITTED, ROLLED_BACK or REVERTED record); if none, the version its first update started from; empty if the
     *         journal never tried to change the unit
     */
    public Optional<String> outcome(String unit) {
        List<JournalRecord> records = journal.records();
        String before = null;
        for (int i = records.size() - 1; i >= 0; i--) {
            JournalRecord record = records.get(i);
            if (!unit.equals(record.unit())) {
                continue;
            }
            if (record.kind() == RecordKind.COMMITTED || record.kind() == RecordKind.ROLLED_BACK
                    || record.kind() == RecordKind.REVERTED) {
                return Optional.ofNullable(record.to());
            }
            if (record.kind() == RecordKind.INTENT && record.from() != null) {
                before = record.from();
            }
        }
        return Optional.ofNullable(before);
    }

    /**
     * What became of an update file's content, judged by its SHA-256: the newest record of that content other than
     * an INTENT, except that a rollback by command that undid its commit afterwards answers instead (a ROLLED_BACK
     * record without a SHA-256; a rollback caused by removing the file carries the file's SHA-256 and answers for
     * it directly).
     *
     * @return the record that says what became of it, empty if the journal never saw this content
     */
    public Optional<JournalRecord> fileOutcome(String sha256) {
        Map<String, JournalRecord> outcomes = new HashMap<>();
        List<JournalRecord> records = journal.records();
        for (JournalRecord record : records) {
            if (record.kind() != RecordKind.INTENT && record.sha256() != null) {
                outcomes.put(record.sha256(), record);
            }
        }
        JournalRecord newest = outcomes.get(sha256);
        if (newest == null || newest.kind() != RecordKind.COMMITTED || newest.unit() == null) {
            return Optional.ofNullable(newest);
        }
        // committed: undone since by a rollback on command?
        Map<String, JournalRecord> undone = new HashMap<>();
        chain(records, newest.unit(), undone);
        JournalRecord rollback = undone.get(sha256);
        return Optional.of(rollback != null && rollback.sequence() > newest.sequence() ? rollback : newest);
    }

    /**
     * @param commit a COMMITTED record
     * @return the rollback on command that undid it afterwards (a ROLLED_BACK record without a SHA-256), if any
     */
    public Optional<JournalRecord> undoneBy(JournalRecord commit) {
        if (commit.kind() != RecordKind.COMMITTED || commit.unit() == null || commit.sha256() == null) {
            return Optional.empty();
        }
        Map<String, JournalRecord> undone = new HashMap<>();
        chain(journal.records(), commit.unit(), undone);
        JournalRecord rollback = undone.get(commit.sha256());
        return rollback != null && rollback.sequence() > commit.sequence() ? Optional.of(rollback) : Optional.empty();
    }

    /** The chain of a unit's updates; {@code undone}, if given, receives for each content the rollback that undid it. */
    private static Deque<JournalRecord> chain(List<JournalRecord> records, String unit,
            Map<String, JournalRecord> undone) {
        Deque<JournalRecord> applied = new ArrayDeque<>();
        for (JournalRecord record : records) {
            if (!unit.equals(record.unit())) {
                continue;
            }
            if (record.kind() == RecordKind.COMMITTED) {
                dropAbove(applied, record.from(), null, null);
                applied.push(record);
            } else if ((record.kind() == RecordKind.ROLLED_BACK || record.kind() == RecordKind.REVERTED)
                    && !applied.isEmpty()) {
                dropAbove(applied, record.to(), undone, record);
            }
        }
        return applied;
    }

    private static void dropAbove(Deque<JournalRecord> applied, String version, Map<String, JournalRecord> undone,
            JournalRecord rollback) {
        while (!applied.isEmpty() && !applied.peek().to().equals(version)) {
            JournalRecord dropped = applied.pop();
            if (undone != null && dropped.sha256() != null && rollback.sha256() == null) {
                undone.put(dropped.sha256(), rollback);
            }
        }
    }

    /**
     * The unit's newest applied update if it began a probation that has not ended: no ACCEPTED record for it
     * followed (a REVERTED or ROLLED_BACK one takes it out of the chain).
     *
     * @return the COMMITTED record on probation, empty if the unit's current version is accepted
     */
    public Optional<JournalRecord> onProbation(String unit) {
        List<JournalRecord> records = journal.records();
        Deque<JournalRecord> applied = chain(records, unit, null);
        if (applied.isEmpty() || !applied.peek().onProbation()) {
            return Optional.empty();
        }
        JournalRecord commit = applied.peek();
        boolean accepted = records.stream().anyMatch(r -> r.kind() == RecordKind.ACCEPTED && unit.equals(r.unit())
                && r.sequence() > commit.sequence() && commit.to().equals(r.to()));
        return accepted ? Optional.empty() : Optional.of(commit);
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
        dto.probationUntil = record.probationUntil();
        return dto;
    }
}
