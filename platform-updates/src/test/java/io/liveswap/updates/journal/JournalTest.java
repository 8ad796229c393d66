package io.liveswap.updates.journal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Durability and recovery of the journal, on real files. */
public class JournalTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void recordsSurviveReopeningWithAwkwardCharacters() throws Exception {
        Path dir = folder.getRoot().toPath();
        Journal journal = Journal.open(dir);
        journal.append(Journal.INTENT, "notebook", "1.0.0", "2.0.0", "/d/n 2.jar", "ab", "applying");
        journal.append(Journal.COMMITTED, "notebook", "1.0.0", "2.0.0", "/d/n 2.jar", "ab", "tab\there\nline\\x");
        List<JournalRecord> reread = Journal.open(dir).records();
        assertEquals(2, reread.size());
        assertEquals("tab\there\nline\\x", reread.get(1).message());
        assertEquals(2, reread.get(1).sequence());
        assertEquals("/d/n 2.jar", reread.get(0).file());
    }

    @Test
    public void anIntentWithoutOutcomeIsClosedAsInterruptedOnOpen() throws Exception {
        Path dir = folder.getRoot().toPath();
        Journal journal = Journal.open(dir);
        journal.append(Journal.INTENT, "notebook", "1.0.0", "2.0.0", "/d/n2.jar", "ab", "applying");
        List<JournalRecord> after = Journal.open(dir).records();
        assertEquals(Journal.INTERRUPTED, after.get(1).kind());
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
        journal.append(Journal.REFUSED, null, null, null, "/d/x.jar", null, "not a jar");
        assertEquals(1, Journal.open(dir).records().size());
    }
}
