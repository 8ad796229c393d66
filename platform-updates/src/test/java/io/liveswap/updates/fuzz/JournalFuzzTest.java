package io.liveswap.updates.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.liveswap.api.Reason;
import io.liveswap.updates.journal.Journal;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.RecordKind;
import io.liveswap.updates.journal.Timings;

/**
 * Fuzzes the journal reader: any journal file content opens (an unreadable one is set aside), and the journal then
 * still records and reads back what is appended, whatever characters the fields hold.
 */
class JournalFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void anyJournalFileOpensAndStaysUsable(FuzzedDataProvider data) throws IOException {
        Path dir = Files.createTempDirectory("journal-fuzz");
        try {
            Files.writeString(dir.resolve("journal.tsv"), data.consumeString(2000));
            Journal journal = Journal.open(dir);
            String message = data.consumeRemainingAsString();
            JournalRecord appended = journal.append(JournalRecord.draft(RecordKind.REFUSED, Reason.DUPLICATE, "unit",
                    "1.0.0", "2.0.0", "/x.jar", null, message, new Timings(1, 2, 3)));
            JournalRecord reread = Journal.open(dir).records().stream()
                    .filter(r -> r.sequence() == appended.sequence()).findFirst()
                    .orElseThrow(() -> new AssertionError("the appended record was not read back"));
            String expected = message.isEmpty() ? null : message;
            if (!java.util.Objects.equals(expected, reread.message())) {
                throw new AssertionError("message changed on the way through the journal: '" + message + "' -> '"
                        + reread.message() + "'");
            }
            if (reread.reason() != Reason.DUPLICATE || !new Timings(1, 2, 3).equals(reread.timings())) {
                throw new AssertionError("reason or timings changed on the way through the journal: " + reread);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
