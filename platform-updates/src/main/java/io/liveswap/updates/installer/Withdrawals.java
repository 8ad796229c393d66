package io.liveswap.updates.installer;

import java.nio.file.Path;
import java.util.Deque;
import java.util.List;

import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.api.UnitDTO;
import io.liveswap.updates.UpdateRecordDTO;
import io.liveswap.updates.format.UpdateDescriptor;
import io.liveswap.updates.journal.JournalRecord;
import io.liveswap.updates.journal.JournalView;
import io.liveswap.updates.journal.RecordKind;
import io.liveswap.updates.journal.Timings;

/**
 * Withdrawals: an operator parks a pending update ({@code liveswap:withdraw <unit> <version>}: PARKED, its file
 * stays), and a file removed from the watched folder is forgotten (a pending one WITHDRAWN, the newest applied one
 * rolled back).
 *
 * <p>Threading: called under the update manager's monitor only.
 */
record Withdrawals(UpdateManagerImpl updates, PendingUpdates pending, Outcomes outcomes, JournalView journal) {

    /**
     * @throws IllegalArgumentException naming the cause and the remedy: not a version, or no such pending update
     */
    UpdateRecordDTO park(String unit, String version) {
        Version wanted;
        try {
            wanted = Version.parseVersion(version == null ? "" : version.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + version + "' is not a version (e.g. 2.0.0); name the version the"
                    + " pending update of unit '" + unit + "' brings, as liveswap:pending lists it", e);
        }
        Version current = updates.currentVersion(unit);
        UpdateDescriptor parked = pending.remove(unit, wanted).orElseThrow(() -> notPending(unit, wanted,
                pending.list(updates::currentVersion), current));
        return outcomes.record(RecordKind.PARKED, Reason.NONE, parked, current, "withdrawn by the operator while"
                + " pending: the file stays, parked, and is not applied until its content changes or liveswap:apply"
                + " names it", Timings.NONE);
    }

    /** A file left the watched folder: forget it. @return the outcome, or {@code null} if it meant nothing */
    UpdateRecordDTO removed(Path path, List<UnitDTO> units) {
        UpdateDescriptor waiting = pending.remove(path);
        if (waiting != null) {
            return outcomes.record(RecordKind.WITHDRAWN, Reason.NONE, waiting, updates.currentVersion(waiting.unit()),
                    "the pending update's file was removed", Timings.NONE);
        }
        for (UnitDTO unit : units) {
            Deque<JournalRecord> applied = journal.appliedUpdates(unit.name);
            if (!applied.isEmpty() && path.toString().equals(applied.peek().file())
                    && applied.peek().to().equals(unit.version)) {
                return updates.rollBackRemoved(unit.name, path.getParent());
            }
        }
        return null;
    }

    /** The refusal of a withdrawal: what is pending instead. */
    private static IllegalArgumentException notPending(String unit, Version version, List<UpdateRecordDTO> waiting,
            Version current) {
        List<String> ofUnit = waiting.stream().filter(p -> unit.equals(p.unit)).map(p -> p.to).toList();
        String what = ofUnit.isEmpty() ? "no update of unit '" + unit + "' is pending"
                : "the pending updates of unit '" + unit + "' bring " + String.join(", ", ofUnit);
        String applied = current != null && current.equals(version)
                ? "; " + version + " is the unit's current version: liveswap:rollback " + unit + " undoes it" : "";
        return new IllegalArgumentException("no pending update of unit '" + unit + "' brings " + version + ": " + what
                + applied + ". liveswap:withdraw drops a pending update only");
    }
}
