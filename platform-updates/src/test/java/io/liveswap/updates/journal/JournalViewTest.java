package io.liveswap.updates.journal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.liveswap.api.Reason;

/** The journal read for its outcome: the chain of a unit's updates, its version, what became of a file's content. */
public class JournalViewTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private JournalView view(JournalRecord... drafts) throws Exception {
        Journal journal = Journal.open(folder.getRoot().toPath());
        for (JournalRecord draft : drafts) {
            journal.append(draft);
        }
        return new JournalView(journal);
    }

    private static JournalRecord record(RecordKind kind, String from, String to, String sha, String message) {
        return JournalRecord.draft(kind, Reason.NONE, "notebook", from, to, "/deploy/n-" + to + ".jar", sha, message,
                Timings.NONE);
    }

    private static List<String> chain(JournalView view) {
        return view.appliedUpdates("notebook").stream().map(JournalRecord::to).toList();
    }

    @Test
    public void restoredRecordsOfOlderJournalsAreReadAsTheOutcomeNotReplayed() throws Exception {
        // apply 2.0.0; stop; start (an older version wrote a COMMITTED "restored" record); rollback
        JournalView view = view(record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "a", "pause"),
                record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "a", "restored; after a restart"),
                JournalRecord.draft(RecordKind.ROLLED_BACK, Reason.NONE, "notebook", "2.0.0", "1.0.0",
                        "/versions/notebook-1.0.0.jar", null, "rolled back", Timings.NONE));
        assertEquals(List.of(), chain(view));
        assertEquals("1.0.0", view.outcome("notebook").orElseThrow());
    }

    @Test
    public void aReplayedChainReplacesTheStepsItRepeats() throws Exception {
        JournalView view = view(record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "a", "pause"),
                record(RecordKind.COMMITTED, "2.0.0", "2.1.0", "b", "pause"),
                record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "a", "restored"),
                record(RecordKind.COMMITTED, "2.0.0", "2.1.0", "b", "restored"));
        assertEquals("newest first", List.of("2.1.0", "2.0.0"), chain(view));
        assertEquals("2.1.0", view.outcome("notebook").orElseThrow());
    }

    @Test
    public void aRollbackOnCommandAnswersForTheContentItUndid() throws Exception {
        JournalView view = view(record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "a", "pause"),
                record(RecordKind.COMMITTED, "2.0.0", "2.1.0", "b", "pause"),
                JournalRecord.draft(RecordKind.ROLLED_BACK, Reason.NONE, "notebook", "2.1.0", "2.0.0",
                        "/versions/notebook-2.0.0.jar", null, "rolled back", Timings.NONE));
        assertEquals(RecordKind.ROLLED_BACK, view.fileOutcome("b").orElseThrow().kind());
        assertEquals("the content below stays applied", RecordKind.COMMITTED, view.fileOutcome("a").orElseThrow()
                .kind());
        assertEquals(List.of("2.0.0"), chain(view));
        assertTrue(view.fileOutcome("never seen").isEmpty());
    }

    @Test
    public void aRollbackByRemovingTheFileNamesThatContent() throws Exception {
        JournalView view = view(record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "a", "pause"),
                record(RecordKind.ROLLED_BACK, "2.0.0", "1.0.0", "a", "rolled back (its file was removed)"));
        JournalRecord outcome = view.fileOutcome("a").orElseThrow();
        assertEquals(RecordKind.ROLLED_BACK, outcome.kind());
        assertEquals("a", outcome.sha256());
        assertEquals("1.0.0", view.outcome("notebook").orElseThrow());
    }

    @Test
    public void withoutACommitTheOutcomeIsTheVersionTheFirstUpdateStartedFrom() throws Exception {
        JournalView view = view(record(RecordKind.INTENT, "1.0.0", "2.0.0", "a", "applying"),
                record(RecordKind.INTERRUPTED, "1.0.0", "2.0.0", "a", "stopped"));
        assertEquals("1.0.0", view.outcome("notebook").orElseThrow());
        assertEquals(RecordKind.INTERRUPTED, view.fileOutcome("a").orElseThrow().kind());
        assertTrue(view.outcome("other").isEmpty());
    }

    @Test
    public void anUpdateIsOnProbationUntilAcceptedAndAReversionTakesItOutOfTheChain() throws Exception {
        JournalRecord onProbation = record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "a", "pause")
                .onProbationUntil(123_456L);
        JournalView committed = view(onProbation);
        assertEquals("2.0.0", committed.onProbation("notebook").orElseThrow().to());
        assertEquals("the end of its probation reads back", 123_456L,
                committed.records().get(0).probationUntil());

        JournalView accepted = view(JournalRecord.draft(RecordKind.ACCEPTED, Reason.NONE, "notebook", "1.0.0",
                "2.0.0", "/deploy/n-2.0.0.jar", null, "accepted", Timings.NONE));
        assertTrue("accepted: no longer on probation", accepted.onProbation("notebook").isEmpty());
        assertEquals(List.of("2.0.0"), chain(accepted));

        JournalView reverted = view(JournalRecord.draft(RecordKind.REVERTED, Reason.PROBATION_ERRORS, "notebook",
                "2.0.0", "1.0.0", "/deploy/n-2.0.0.jar", "a", "reverted", Timings.NONE));
        assertEquals(List.of(), chain(reverted));
        assertEquals("1.0.0", reverted.outcome("notebook").orElseThrow());
        assertEquals("the reverted content answers for itself", RecordKind.REVERTED,
                reverted.fileOutcome("a").orElseThrow().kind());
        assertTrue(reverted.onProbation("notebook").isEmpty());
    }

    @Test
    public void anUpdateWithoutProbationIsNeverOnProbation() throws Exception {
        assertTrue(view(record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "a", "pause")).onProbation("notebook")
                .isEmpty());
    }

    @Test
    public void aCommitUndoneByARollbackOnCommandSaysSoEvenWhenACopyWasRefusedSince() throws Exception {
        // OperatorChaosIT seed 10419858827978: 2.0.0 applied from a.jar, rolled back on command, then a copy b.jar
        // applied by command and refused as a duplicate: the copy's refusal is the content's newest record, but a.jar
        // answers by its own commit, which the rollback undid
        JournalRecord commit = record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "x", "pause");
        JournalView view = view(commit,
                JournalRecord.draft(RecordKind.ROLLED_BACK, Reason.NONE, "notebook", "2.0.0", "1.0.0",
                        "/versions/notebook-1.0.0.jar", null, "rolled back", Timings.NONE),
                JournalRecord.draft(RecordKind.REFUSED, Reason.DUPLICATE, "notebook", "1.0.0", "2.0.0",
                        "/deploy/b.jar", "x", "a copy", Timings.NONE));
        JournalRecord own = view.records().get(0);
        assertEquals(RecordKind.ROLLED_BACK, view.undoneBy(own).orElseThrow().kind());
    }

    @Test
    public void aCommitNothingUndidIsNotUndone() throws Exception {
        JournalView view = view(record(RecordKind.COMMITTED, "1.0.0", "2.0.0", "x", "pause"));
        assertTrue(view.undoneBy(view.records().get(0)).isEmpty());
    }
}
