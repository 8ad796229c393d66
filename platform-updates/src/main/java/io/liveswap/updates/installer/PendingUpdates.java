package io.liveswap.updates.installer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.updates.UpdateRecordDTO;
import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.journal.RecordKind;

/**
 * The updates held until the version they replace lands (PENDING, {@link Reason#GAP}), by file, in the order they
 * arrived.
 *
 * <p>Threading: touched only under the update manager's monitor.
 */
final class PendingUpdates {

    private final Map<Path, UpdateDescriptor> waiting = new LinkedHashMap<>();

    /** Holds the update (again): it replaces any update held from the same file. */
    void hold(UpdateDescriptor update) {
        waiting.put(update.file(), update);
    }

    /** @return the update held from {@code file}, no longer held; {@code null} if none was */
    UpdateDescriptor remove(Path file) {
        return waiting.remove(file);
    }

    /** @return the update of {@code unit} to {@code version} held now, no longer held; empty if none is */
    Optional<UpdateDescriptor> remove(String unit, Version version) {
        Optional<UpdateDescriptor> found = waiting.values().stream()
                .filter(u -> u.unit().equals(unit) && u.version().equals(version)).findFirst();
        found.ifPresent(u -> waiting.remove(u.file()));
        return found;
    }

    /** @return the first held update of {@code unit} that applies on top of {@code current} */
    Optional<UpdateDescriptor> next(String unit, Version current) {
        return waiting.values().stream().filter(u -> u.unit().equals(unit) && u.replaces().equals(current))
                .findFirst();
    }

    /** @param versions each unit's current version, {@code null} for a unit the table does not know */
    List<UpdateRecordDTO> list(Function<String, Version> versions) {
        List<UpdateRecordDTO> out = new ArrayList<>();
        for (UpdateDescriptor held : waiting.values()) {
            UpdateRecordDTO dto = new UpdateRecordDTO();
            dto.kind = RecordKind.PENDING.name();
            dto.reason = Reason.GAP;
            dto.unit = held.unit();
            Version current = versions.apply(held.unit());
            dto.from = current == null ? null : current.toString();
            dto.to = held.version().toString();
            dto.file = held.file().toString();
            dto.message = "waits for version " + held.replaces();
            out.add(dto);
        }
        return out;
    }
}
