package io.liveswap.updates.installer;

import java.util.List;

import org.osgi.framework.Version;

import io.liveswap.updates.UpdateRecordDTO;

/** The messages of {@code withdraw(unit, version)}: a bad version, or no such pending update. Stateless. */
final class ParkedUpdates {

    private ParkedUpdates() {
    }

    /** @throws IllegalArgumentException naming the value and the form expected */
    static Version version(String unit, String version) {
        try {
            return Version.parseVersion(version == null ? "" : version.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + version + "' is not a version (e.g. 2.0.0); name the version the"
                    + " pending update of unit '" + unit + "' brings, as liveswap:pending lists it", e);
        }
    }

    /** The refusal of a withdrawal: what is pending instead. */
    static IllegalArgumentException notPending(String unit, Version version, List<UpdateRecordDTO> pending,
            Version current) {
        List<String> ofUnit = pending.stream().filter(p -> unit.equals(p.unit)).map(p -> p.to).toList();
        String what = ofUnit.isEmpty() ? "no update of unit '" + unit + "' is pending"
                : "the pending updates of unit '" + unit + "' bring " + String.join(", ", ofUnit);
        String applied = current != null && current.equals(version)
                ? "; " + version + " is the unit's current version: liveswap:rollback " + unit + " undoes it" : "";
        return new IllegalArgumentException("no pending update of unit '" + unit + "' brings " + version + ": " + what
                + applied + ". liveswap:withdraw drops a pending update only");
    }
}
