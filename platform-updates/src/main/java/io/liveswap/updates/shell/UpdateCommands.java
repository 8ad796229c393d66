package io.liveswap.updates.shell;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.liveswap.api.Reason;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/** {@code liveswap:apply}, {@code rollback}, {@code history}, {@code pending}, {@code migrate}. */
@Component(service = UpdateCommands.class)
@GogoCommand(scope = "liveswap", function = {"apply", "rollback", "history", "pending", "migrate"})
public final class UpdateCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final UpdateManager updates;
    private final Mediator mediator;

    @Activate
    public UpdateCommands(@Reference UpdateManager updates, @Reference Mediator mediator) {
        this.updates = updates;
        this.mediator = mediator;
    }

    @Descriptor("finishes a lazy update: moves every instance of a multi-instance unit still on an older version to"
            + " the current one, in one pause")
    public String migrate(@Descriptor("the unit name, as listed by liveswap:units") String unit) {
        try {
            SwapReport report = mediator.migrate(unit);
            return unit + ": " + report.instancesMigrated + " instances moved to " + report.toVersions[0]
                    + " in a pause of " + String.format(java.util.Locale.ROOT, "%.1f", report.pauseNanos / 1e6) + " ms"
                    + (report.instancesFailed == 0 ? "" : "; " + report.instancesFailed + " failed and stay on their"
                            + " version" + (report.instanceFailures.length == 0 ? ""
                                    : " (first: " + report.instanceFailures[0] + ")"));
        } catch (SwapAbortedException e) {
            return "[" + e.reason() + "] " + e.getMessage();
        }
    }

    @Descriptor("applies an update bundle, exactly as if it were dropped into the watched folder")
    public String apply(@Descriptor("path or file: URL of the update bundle jar") String file) {
        return line(updates.apply(file));
    }

    @Descriptor("rolls a unit back to the version before its newest update, carrying its state down")
    public String rollback(@Descriptor("the unit name, as listed by liveswap:units") String unit) {
        return line(updates.rollback(unit));
    }

    @Descriptor("lists the update journal: every intent and outcome, oldest first")
    public String history() {
        return table(updates.history(null));
    }

    @Descriptor("lists the update journal of one unit, oldest first")
    public String history(@Descriptor("the unit name, as listed by liveswap:units") String unit) {
        return table(updates.history(unit));
    }

    @Descriptor("lists the updates waiting for their predecessor")
    public String pending() {
        return table(updates.pending());
    }

    /** {@code KIND [REASON] unit from -> to: message}; the reason only for refusals, aborts and pending updates. */
    private static String line(UpdateRecordDTO record) {
        String versions = record.to == null ? "" : (record.from == null ? "" : record.from + " -> ") + record.to;
        return record.kind + (record.reason == Reason.NONE ? "" : " [" + record.reason + "]")
                + (record.unit == null ? "" : " " + record.unit) + (versions.isEmpty() ? "" : " " + versions)
                + ": " + record.message;
    }

    private static String table(List<UpdateRecordDTO> records) {
        StringBuilder out = new StringBuilder();
        String format = "%-5s %-19s %-11s %-23s %-12s %-9s %-9s %-20s %s%n";
        out.append(String.format(format, "SEQ", "TIME", "KIND", "REASON", "UNIT", "FROM", "TO", "PAUSE/DRAIN/STATE µs",
                "MESSAGE"));
        for (UpdateRecordDTO r : records) {
            out.append(String.format(format, r.sequence == 0 ? "-" : Long.toString(r.sequence),
                    r.time == 0 ? "-" : TIME.format(Instant.ofEpochMilli(r.time)), r.kind,
                    r.reason == Reason.NONE ? "-" : r.reason, dash(r.unit), dash(r.from), dash(r.to),
                    pause(r), dash(r.message)));
        }
        return out.toString();
    }

    /** Pause, drain and state transfer of the swap, in microseconds. */
    private static String pause(UpdateRecordDTO r) {
        return r.pauseMicros < 0 ? "-" : r.pauseMicros + "/" + r.drainMicros + "/" + r.transferMicros;
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
