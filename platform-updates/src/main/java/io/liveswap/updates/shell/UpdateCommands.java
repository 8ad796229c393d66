package io.liveswap.updates.shell;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.liveswap.api.Reason;
import io.liveswap.api.TranslationTable;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.core.shell.input.Arguments;
import io.liveswap.updates.DeployFolder;
import io.liveswap.updates.FolderEntryDTO;
import io.liveswap.updates.UpdateManager;
import io.liveswap.updates.UpdateRecordDTO;

/** {@code liveswap:apply}, {@code check}, {@code rollback}, {@code history}, {@code pending}, {@code migrate}, {@code folder}. */
@Component(service = UpdateCommands.class)
@GogoCommand(scope = "liveswap", function = {"apply", "check", "rollback", "history", "pending", "migrate", "folder"})
public final class UpdateCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final UpdateManager updates;
    private final Mediator mediator;
    private final TranslationTable table;
    private final DeployFolder deployFolder;

    @Activate
    public UpdateCommands(@Reference UpdateManager updates, @Reference Mediator mediator,
            @Reference TranslationTable table, @Reference DeployFolder deployFolder) {
        this.deployFolder = deployFolder;
        this.updates = updates;
        this.mediator = mediator;
        this.table = table;
    }

    @Descriptor("finishes a lazy update: moves every instance of a multi-instance unit still on an older version to"
            + " the current one, in one pause")
    public String migrate(@Descriptor("the unit name, as listed by liveswap:units") String unit) {
        if (!knownUnits().contains(unit)) {
            return Arguments.unknownUnit("migrate", unit, knownUnits());
        }
        try {
            SwapReport report = mediator.migrate(unit);
            return unit + ": " + report.instancesMigrated + " instances moved to " + report.toVersions[0]
                    + " in a pause of " + String.format(Locale.ROOT, "%.1f", report.pauseNanos / 1e6) + " ms"
                    + (report.instancesFailed == 0 ? "" : "; " + report.instancesFailed + " failed and stay on their"
                            + " version" + (report.instanceFailures.length == 0 ? ""
                                    : " (first: " + report.instanceFailures[0] + ")"));
        } catch (SwapAbortedException e) {
            return "[" + e.reason() + "] " + e.getMessage();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return "liveswap:migrate " + unit + ": " + e.getMessage();
        }
    }

    @Descriptor("liveswap:migrate takes one unit name: this form only explains that")
    public String migrate(@Descriptor("exactly one unit name expected") String... arguments) {
        return arguments.length == 1 ? migrate(arguments[0]) : Arguments.wrongCount("migrate",
                "1 argument, the name of a multi-instance unit", "liveswap:migrate <unit>", arguments);
    }

    @Descriptor("applies an update bundle, exactly as if it were dropped into the watched folder")
    public String apply(@Descriptor("path (absolute, or relative to the runtime's folder) or file: URL of the"
            + " update bundle jar") String file) {
        ShellInput.Jar jar = ShellInput.jar(file);
        return jar.problem() != null ? jar.problem() : line(updates.apply(jar.path().toString()));
    }

    @Descriptor("liveswap:apply takes one jar: this form only explains that")
    public String apply(@Descriptor("exactly one path or file: URL expected") String... arguments) {
        return arguments.length == 1 ? apply(arguments[0]) : Arguments.wrongCount("apply",
                "1 argument, the path or file: URL of an update bundle jar", "liveswap:apply <jar>", arguments);
    }

    @Descriptor("dry run: says what applying an update bundle would do (verdict WOULD_APPLY, WOULD_WAIT,"
            + " WOULD_REFUSE or WOULD_ABORT, with the code), trying its state transfer on a throwaway instance;"
            + " swaps nothing, journals nothing, leaves nothing installed")
    public Object check(@Descriptor("path (absolute, or relative to the runtime's folder) or file: URL of the"
            + " update bundle jar") String file) {
        ShellInput.Jar jar = ShellInput.jar("check", file);
        return jar.problem() != null ? jar.problem() : updates.check(jar.path().toString());
    }

    @Descriptor("liveswap:check takes one jar: this form only explains that")
    public Object check(@Descriptor("exactly one path or file: URL expected") String... arguments) {
        return arguments.length == 1 ? check(arguments[0]) : Arguments.wrongCount("check",
                "1 argument, the path or file: URL of an update bundle jar", "liveswap:check <jar>", arguments);
    }

    @Descriptor("rolls a unit back to the version before its newest update, carrying its state down")
    public String rollback(@Descriptor("the unit name, as listed by liveswap:units") String unit) {
        if (!knownUnits().contains(unit)) {
            return Arguments.unknownUnit("rollback", unit, knownUnits());
        }
        return line(updates.rollback(unit));
    }

    @Descriptor("liveswap:rollback takes one unit name: this form only explains that")
    public String rollback(@Descriptor("exactly one unit name expected") String... arguments) {
        return arguments.length == 1 ? rollback(arguments[0]) : Arguments.wrongCount("rollback",
                "1 argument, the unit name", "liveswap:rollback <unit>", arguments);
    }

    @Descriptor("lists the update journal: every intent and outcome, oldest first")
    public String history() {
        return table(updates.history(null));
    }

    @Descriptor("lists the update journal of one unit, oldest first")
    public String history(@Descriptor("the unit name, as listed by liveswap:units") String unit) {
        List<UpdateRecordDTO> records = updates.history(unit);
        if (records.isEmpty() && !knownUnits().contains(unit)) {
            return Arguments.unknownUnit("history", unit, knownUnits());
        }
        return table(records);
    }

    @Descriptor("liveswap:history takes at most one unit name: this form only explains that")
    public String history(@Descriptor("none, or one unit name") String... arguments) {
        return switch (arguments.length) {
            case 0 -> history();
            case 1 -> history(arguments[0]);
            default -> Arguments.wrongCount("history", "0 or 1 argument, a unit name", "liveswap:history [unit]",
                    arguments);
        };
    }

    @Descriptor("lists the updates waiting for their predecessor")
    public String pending() {
        return table(updates.pending());
    }

    @Descriptor("liveswap:pending takes no arguments: this form only explains that")
    public String pending(@Descriptor("none expected") String... extra) {
        return extra.length == 0 ? pending()
                : Arguments.wrongCount("pending", "no arguments", "liveswap:pending", extra);
    }

    @Descriptor("lists every file in the watched folder and what the platform made of it: applied as a version,"
            + " pending, refused (with the code and the reason), a plain bundle, being copied")
    public String folder() {
        StringBuilder out = new StringBuilder();
        String format = "%-32s %-12s %-16s %-10s %-9s %s%n";
        out.append(String.format(format, "FILE", "STATE", "REASON", "UNIT", "VERSION", "DETAIL"));
        for (FolderEntryDTO entry : deployFolder.entries()) {
            out.append(String.format(format, Path.of(entry.file).getFileName(), entry.state,
                    entry.reason == Reason.NONE ? "-" : entry.reason, dash(entry.unit), dash(entry.version),
                    dash(entry.detail)));
        }
        return out.toString();
    }

    @Descriptor("liveswap:folder takes no arguments: this form only explains that")
    public String folder(@Descriptor("none expected") String... extra) {
        return extra.length == 0 ? folder()
                : Arguments.wrongCount("folder", "no arguments", "liveswap:folder", extra);
    }

    private List<String> knownUnits() {
        return table.units().stream().map(u -> u.name).toList();
    }

    /** {@code KIND [REASON] unit from -> to: message}; the reason only for refusals, aborts and pending updates. */
    static String line(UpdateRecordDTO record) {
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
