package io.liveswap.updates.ledger;

import java.util.Collection;

import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.updates.format.UpdateDescriptor;

/**
 * Decides what to do with an update given the unit's current version: every unit has one current version and an
 * update applies only on top of the version it names. Pure; the caller supplies the facts.
 */
public final class VersionLedger {

    /** What to do with an update. */
    public enum Verdict {
        /** The unit is at the replaced version: apply now. */
        APPLY,
        /** The replaced version is ahead of the unit: wait for the updates in between. */
        PENDING,
        /** Never applicable as it is: refuse, with the message. */
        REFUSE
    }

    /** A verdict, its code ({@link Reason#NONE} to apply) and its explanation (cause and remedy). */
    public record Decision(Verdict verdict, Reason reason, String message) {
    }

    private VersionLedger() {
    }

    /**
     * @param update the update
     * @param current the unit's current version, or {@code null} if no such unit exists
     * @param knownUnits the units that exist, for the message about an unknown one
     */
    public static Decision decide(UpdateDescriptor update, Version current, Collection<String> knownUnits) {
        String unit = update.unit();
        if (current == null) {
            return refuse(Reason.UNKNOWN_UNIT, "unknown unit '" + unit + "' (known units: "
                    + (knownUnits.isEmpty() ? "none" : String.join(", ", knownUnits)) + "). Install the unit's first"
                    + " version, a bundle whose implementation has @Unit(\"" + unit + "\"), before its updates");
        }
        if (update.replaces() == null) {
            return refuse(Reason.NO_REPLACED_VERSION, update.file().getFileName()
                    + " names no version it replaces: it is a first version of"
                    + " unit '" + unit + "', not an update. Add replaces=\"" + current + "\" to its @UnitUpdate");
        }
        int againstCurrent = update.version().compareTo(current);
        if (againstCurrent == 0) {
            return refuse(Reason.DUPLICATE, "unit '" + unit + "' is already at version " + current
                    + ": this update was applied"
                    + " before (duplicate). Remove the file");
        }
        if (againstCurrent < 0) {
            return refuse(Reason.DOWNGRADE, "unit '" + unit + "' is at version " + current
                    + " and this update brings the older "
                    + update.version() + " (downgrade). To go back, run liveswap:rollback " + unit
                    + " or delete the newest update's file");
        }
        int replaced = update.replaces().compareTo(current);
        if (replaced == 0) {
            return new Decision(Verdict.APPLY, Reason.NONE, "unit '" + unit + "' is at " + current + ": applying "
                    + update.version());
        }
        if (replaced > 0) {
            return new Decision(Verdict.PENDING, Reason.GAP, "waits for version " + update.replaces() + " of unit '"
                    + unit
                    + "' (the unit is at " + current + "); drop the update that brings " + update.replaces());
        }
        return refuse(Reason.STALE_BASE, "this update applies on top of version " + update.replaces() + " of unit '"
                + unit
                + "', but the unit is already at " + current + ". Rebuild it with replaces=\"" + current + "\"");
    }

    private static Decision refuse(Reason reason, String message) {
        return new Decision(Verdict.REFUSE, reason, message);
    }
}
