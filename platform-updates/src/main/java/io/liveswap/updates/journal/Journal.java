package io.liveswap.updates.journal;

import java.io.IOException;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.Reason;

/**
 * The update journal, kept in one file that is replaced atomically on every change: written to a temporary file,
 * forced to disk, then moved over the old one, so a crash leaves either the old or the new journal, never a torn one.
 * On open, an INTENT without a later outcome for the same unit (the process died mid-update) gets an INTERRUPTED
 * record. Thread safe.
 */
public final class Journal {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final String FILE = "journal.tsv";

    private final Path file;
    private final List<JournalRecord> records = new ArrayList<>();

    private Journal(Path file) {
        this.file = file;
    }

    /** Opens (or creates) the journal in a directory, setting aside an unreadable one. */
    public static Journal open(Path directory) throws IOException {
        Files.createDirectories(directory);
        Journal journal = new Journal(directory.resolve(FILE));
        if (Files.exists(journal.file)) {
            journal.load();
        }
        journal.closeInterrupted();
        return journal;
    }

    private void load() throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        try {
            for (String line : lines) {
                if (!line.isEmpty()) {
                    records.add(JournalRecord.decode(line));
                }
            }
        } catch (IllegalArgumentException corrupt) {
            Path aside = file.resolveSibling(FILE + ".unreadable-" + System.currentTimeMillis());
            Files.move(file, aside);
            records.clear();
            LOG.error("The update journal {} could not be read ({}); it was moved to {} and a new one started."
                    + " Units run at the versions installed in the framework", file, corrupt.getMessage(), aside);
        }
    }

    private void closeInterrupted() throws IOException {
        List<JournalRecord> open = new ArrayList<>();
        for (JournalRecord record : records) {
            if (record.kind() == RecordKind.INTENT) {
                open.removeIf(r -> r.unit().equals(record.unit()));
                open.add(record);
            } else if (record.unit() != null && record.kind() != RecordKind.PENDING
                    && record.kind() != RecordKind.REFUSED) {
                open.removeIf(r -> r.unit().equals(record.unit()));
            }
        }
        for (JournalRecord intent : open) {
            append(JournalRecord.draft(RecordKind.INTERRUPTED, Reason.STOPPED_MID_UPDATE, intent.unit(), intent.from(),
                    intent.to(), intent.file(), intent.sha256(), "the platform stopped during this update; the unit"
                    + " came back at the version the framework had installed", Timings.NONE));
        }
    }

    /**
     * Adds a record and makes it durable before returning.
     *
     * @param draft the record (see {@link JournalRecord#draft}); its sequence number and time are the journal's
     * @return the record as written
     */
    public synchronized JournalRecord append(JournalRecord draft) throws IOException {
        long sequence = records.isEmpty() ? 1 : records.get(records.size() - 1).sequence() + 1;
        JournalRecord record = draft.stamped(sequence, System.currentTimeMillis());
        records.add(record);
        try {
            write();
        } catch (IOException e) {
            records.remove(records.size() - 1);
            throw e;
        }
        return record;
    }

    private void write() throws IOException {
        Path temporary = file.resolveSibling(FILE + ".tmp");
        StringBuilder text = new StringBuilder();
        for (JournalRecord record : records) {
            text.append(record.encode()).append('\n');
        }
        // a FileOutputStream, not a FileChannel: an interrupted thread must still record what it did
        try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.getFD().sync();
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return every record, oldest first */
    public synchronized List<JournalRecord> records() {
        return List.copyOf(records);
    }
}
