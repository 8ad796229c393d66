package io.liveswap.updates.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.api.TranslationTable;
import io.liveswap.updates.FolderEntryDTO;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/**
 * Lists every file in the watched folders with what the platform made of it. Update bundles are described from
 * what holds now (pending, or their newest journal record against the unit's current version), so that an update
 * that waited and then applied, or was applied and then rolled back, is shown as it is.
 */
final class FolderListing {

    private final UpdateManager updates;
    private final TranslationTable table;

    FolderListing(UpdateManager updates, TranslationTable table) {
        this.updates = updates;
        this.table = table;
    }

    /**
     * @param handed the files FileInstall has handed to the platform
     * @param known the entries of the plain bundles and unusable files among them
     */
    List<FolderEntryDTO> list(Collection<Path> folders, Set<Path> handed, Map<Path, FolderEntryDTO> known) {
        List<UpdateRecordDTO> history = updates.history(null);
        List<UpdateRecordDTO> pending = updates.pending();
        List<FolderEntryDTO> out = new ArrayList<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.map(f -> f.toAbsolutePath().normalize()).sorted().toList()) {
                    if (known.containsKey(file)) {
                        out.add(known.get(file));
                    } else if (handed.contains(file)) {
                        out.add(update(file, history, pending));
                    } else {
                        out.add(DeployFolderInstaller.entry(file, FolderEntryDTO.NOT_HANDLED, Reason.NONE,
                                file.toString().endsWith(".jar") ? "not reported yet (being copied?)"
                                        : "not a jar: left to FileInstall (e.g. a .cfg configuration)"));
                    }
                }
            } catch (IOException unreadable) {
                out.add(DeployFolderInstaller.entry(folder, FolderEntryDTO.NOT_HANDLED, Reason.UNREADABLE,
                        "the folder cannot be listed: " + unreadable.getMessage()));
            }
        }
        return out;
    }

    private FolderEntryDTO update(Path file, List<UpdateRecordDTO> history, List<UpdateRecordDTO> pending) {
        for (UpdateRecordDTO waiting : pending) {
            if (file.toString().equals(waiting.file)) {
                return entry(file, FolderEntryDTO.PENDING, waiting, waiting.message);
            }
        }
        for (int i = history.size() - 1; i >= 0; i--) {
            UpdateRecordDTO record = history.get(i);
            if (!file.toString().equals(record.file) || record.kind.equals("INTENT") || record.kind.equals("ACCEPTED")) {
                continue; // an acceptance ends a probation; the commit before it says what the file did
            }
            return switch (record.kind) {
                case "COMMITTED" -> applied(file, record);
                case "REVERTED" -> {
                    FolderEntryDTO reverted = entry(file, FolderEntryDTO.REVERTED, record, record.message);
                    reverted.version = record.from; // the file's version, which the unit left
                    yield reverted;
                }
                case "PARKED" -> entry(file, FolderEntryDTO.PARKED, record, record.message);
                case "REFUSED" -> entry(file, FolderEntryDTO.REFUSED, record, record.message);
                case "ABORTED", "INTERRUPTED" -> entry(file, FolderEntryDTO.ABORTED, record, record.message);
                default -> entry(file, FolderEntryDTO.NOT_HANDLED, record, record.kind + ": " + record.message);
            };
        }
        return DeployFolderInstaller.entry(file, FolderEntryDTO.NOT_HANDLED, Reason.NONE, "being applied");
    }

    private FolderEntryDTO applied(Path file, UpdateRecordDTO commit) {
        String current = table.units().stream().filter(u -> u.name.equals(commit.unit)).map(u -> u.version)
                .findFirst().orElse(null);
        if (current == null) {
            return entry(file, FolderEntryDTO.SUPERSEDED, commit, "applied as " + commit.to + "; unit '"
                    + commit.unit + "' is gone");
        }
        int against = Version.parseVersion(current).compareTo(Version.parseVersion(commit.to));
        if (against == 0) {
            return entry(file, FolderEntryDTO.APPLIED, commit, "applied as version " + commit.to);
        }
        return against < 0
                ? entry(file, FolderEntryDTO.ROLLED_BACK, commit, "applied as " + commit.to + ", then rolled back;"
                        + " the unit is at " + current)
                : entry(file, FolderEntryDTO.SUPERSEDED, commit, "applied as " + commit.to + "; the unit has moved"
                        + " on to " + current);
    }

    private static FolderEntryDTO entry(Path file, String state, UpdateRecordDTO record, String detail) {
        FolderEntryDTO entry = DeployFolderInstaller.entry(file, state, record.reason, detail);
        entry.unit = record.unit;
        entry.version = record.to;
        return entry;
    }
}
