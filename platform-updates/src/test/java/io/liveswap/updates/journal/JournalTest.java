package io.liveswap.updates.journal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.liveswap.api.Reason;
import io.liveswap.updates.UpdateRecordDTO;

/** Durability and recovery of the journal, on real files. */
public class JournalTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static JournalRecord draft(RecordKind kind, Reason reason, String unit, String file, String message) {
        return JournalRecord.draft(kind, reason, unit, unit == null ? null : "1.0.0", unit == null ? null : "2.0.0",
                file, "ab", message, Timings.NONE);
    }

    @Test
    public void recordsSurviveReopeningWithAwkwardCharacters() throws Exception {
        Path dir = folder.getRoot().toPath();
        Journal journal = Journal.open(dir);
        journal.append(draft(RecordKind.INTENT, Reason.NONE, "notebook", "/d/n 2.jar", "applying"));
        journal.append(draft(RecordKind.COMMITTED, Reason.NONE, "notebook", "/d/n 2.jar", "tab\there\nline\\x"));
        List<JournalRecord> reread = Journal.open(dir).records();
        assertEquals(2, reread.size());
        assertEquals("tab\there\nline\\x", reread.get(1).message());
        assertEquals(2, reread.get(1).sequence());
        assertEquals("/d/n 2.jar", reread.get(0).file());
    }

    @Test
    public void reasonsAndTimingsSurviveReopening() throws Exception {
        Path dir = folder.getRoot().toPath();
        Journal journal = Journal.open(dir);
        journal.append(JournalRecord.draft(RecordKind.COMMITTED, Reason.NONE, "notebook", "1.0.0", "2.0.0", "/d/n.jar",
                "ab", "pause 812 µs", new Timings(812, 40, 700)));
        journal.append(JournalRecord.draft(RecordKind.ABORTED, Reason.QUIESCENCE_TIMEOUT, "notebook", "2.0.0",
                "3.0.0", "/d/n3.jar", "cd", "did not quiesce", new Timings(3001000, 3000990, -1)));
        journal.append(draft(RecordKind.REFUSED, Reason.DUPLICATE, "notebook", "/d/n.jar", "duplicate"));
        List<JournalRecord> reread = Journal.open(dir).records();
        assertEquals(new Timings(812, 40, 700), reread.get(0).timings());
        assertEquals(Reason.NONE, reread.get(0).reason());
        assertEquals(Reason.QUIESCENCE_TIMEOUT, reread.get(1).reason());
        assertEquals(new Timings(3001000, 3000990, -1), reread.get(1).timings());
        assertEquals(Reason.DUPLICATE, reread.get(2).reason());
        assertEquals(Timings.NONE, reread.get(2).timings());

        UpdateRecordDTO dto = JournalView.dto(reread.get(0));
        assertEquals("COMMITTED", dto.kind);
        assertEquals(812, dto.pauseMicros);
        assertEquals(40, dto.drainMicros);
        assertEquals(700, dto.transferMicros);
        assertEquals(Reason.QUIESCENCE_TIMEOUT, JournalView.dto(reread.get(1)).reason);
    }

    @Test
    public void aJournalWrittenBeforeRecordsHadCodesIsReadAndKeptGrowing() throws Exception {
        Path dir = folder.getRoot().toPath();
        // the format of the first version: nine fields, no reason, no timings
        Files.writeString(dir.resolve("journal.tsv"), String.join("\n",
                "1\t1700000000000\tINTENT\tnotebook\t1.0.0\t2.0.0\t/d/n2.jar\tab\tapplying",
                "2\t1700000000100\tCOMMITTED\tnotebook\t1.0.0\t2.0.0\t/d/n2.jar\tab\tpause 812 µs, 3 state values"
                        + " carried",
                "3\t1700000000200\tREFUSED\tnotebook\t2.0.0\t2.0.0\t/d/n2b.jar\tab\tunit 'notebook' is already at"
                        + " version 2.0.0: this update was applied before (duplicate). Remove the file",
                "4\t1700000000300\tABORTED\tnotebook\t2.0.0\t3.0.0\t/d/n3.jar\tcd\tSwap aborted: tab\\there",
                "5\t1700000000400\tPENDING\tnotebook\t2.0.0\t9.0.0\t/d/n9.jar\tef\twaits for version 8.0.0",
                "6\t1700000000500\tREFUSED\t\t\t\t/d/x.jar\t\tx.jar is not a complete jar", ""));
        Journal journal = Journal.open(dir);
        List<JournalRecord> old = journal.records();
        assertEquals(6, old.size());
        assertEquals(RecordKind.COMMITTED, old.get(1).kind());
        assertEquals(Reason.NONE, old.get(1).reason());
        assertEquals(Timings.NONE, old.get(1).timings());
        assertEquals("failed outcomes of the old format have an unknown reason", Reason.UNKNOWN, old.get(2).reason());
        assertEquals(Reason.UNKNOWN, old.get(3).reason());
        assertEquals("Swap aborted: tab\there", old.get(3).message());
        assertEquals(Reason.NONE, old.get(4).reason());
        assertEquals(null, old.get(5).unit());
        assertEquals(2, new JournalView(journal).appliedUpdates("notebook").peek().sequence());

        journal.append(draft(RecordKind.REFUSED, Reason.DOWNGRADE, "notebook", "/d/n1.jar", "downgrade"));
        List<JournalRecord> reread = Journal.open(dir).records();
        assertEquals(old, reread.subList(0, 6));
        assertEquals(Reason.DOWNGRADE, reread.get(6).reason());
        try (var files = Files.list(dir)) {
            assertTrue("nothing set aside", files.noneMatch(p -> p.getFileName().toString().contains("unreadable")));
        }
    }

    @Test
    public void aJournalWrittenBeforeProbationIsReadAsCommitsWithoutProbation() throws Exception {
        Path dir = folder.getRoot().toPath();
        // the second format: thirteen fields (codes and times), no probation
        Files.writeString(dir.resolve("journal.tsv"), String.join("\n",
                "1\t1700000000000\tINTENT\tnotebook\t1.0.0\t2.0.0\t/d/n2.jar\tab\tapplying\t\t\t\t",
                "2\t1700000000100\tCOMMITTED\tnotebook\t1.0.0\t2.0.0\t/d/n2.jar\tab\tpause 812 µs\t\t812\t40\t700",
                ""));
        Journal journal = Journal.open(dir);
        JournalRecord commit = journal.records().get(1);
        assertEquals(RecordKind.COMMITTED, commit.kind());
        assertEquals(812, commit.timings().pauseMicros());
        assertEquals(0, commit.probationUntil());
        assertTrue("an old commit is accepted", new JournalView(journal).onProbation("notebook").isEmpty());
        journal.append(JournalRecord.draft(RecordKind.COMMITTED, Reason.NONE, "notebook", "2.0.0", "2.1.0",
                "/d/n21.jar", "cd", "pause", Timings.NONE).onProbationUntil(1_700_000_060_000L));
        assertEquals(1_700_000_060_000L, Journal.open(dir).records().get(2).probationUntil());
    }

    @Test
    public void anIntentWithoutOutcomeIsClosedAsInterruptedOnOpen() throws Exception {
        Path dir = folder.getRoot().toPath();
        Journal journal = Journal.open(dir);
        journal.append(draft(RecordKind.INTENT, Reason.NONE, "notebook", "/d/n2.jar", "applying"));
        List<JournalRecord> after = Journal.open(dir).records();
        assertEquals(RecordKind.INTERRUPTED, after.get(1).kind());
        assertEquals(Reason.STOPPED_MID_UPDATE, after.get(1).reason());
        assertEquals("2.0.0", after.get(1).to());
        assertEquals("reopening again adds nothing", 2, Journal.open(dir).records().size());
    }

    @Test
    public void anUnreadableJournalIsSetAsideNotFatal() throws Exception {
        Path dir = folder.getRoot().toPath();
        Files.writeString(dir.resolve("journal.tsv"), "garbage without tabs\n");
        Journal journal = Journal.open(dir);
        assertTrue(journal.records().isEmpty());
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("journal.tsv.unreadable-")));
        }
        journal.append(draft(RecordKind.REFUSED, Reason.INCOMPLETE, null, "/d/x.jar", "not a jar"));
        assertEquals(1, Journal.open(dir).records().size());
    }
}
