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

import io.liveswap.api.TranslationTable;
import io.liveswap.core.shell.input.Arguments;
import io.liveswap.updates.ProbationDTO;
import io.liveswap.updates.UpdateManager;

/** {@code liveswap:probation}, {@code accept}, {@code withdraw}. */
@Component(service = ProbationCommands.class)
@GogoCommand(scope = "liveswap", function = {"probation", "accept", "withdraw"})
public final class ProbationCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final UpdateManager updates;
    private final TranslationTable table;

    @Activate
    public ProbationCommands(@Reference UpdateManager updates, @Reference TranslationTable table) {
        this.updates = updates;
        this.table = table;
    }

    @Descriptor("lists the units on probation: the version on trial and the one a failure goes back to, the deadline,"
            + " calls and exceptions against the previous version's, and the health checks' verdict")
    public String probation() {
        List<ProbationDTO> probations = updates.probations();
        if (probations.isEmpty()) {
            return "No unit is on probation.";
        }
        StringBuilder out = new StringBuilder();
        String format = "%-12s %-9s %-9s %-9s %-18s %-18s %s%n";
        out.append(String.format(format, "UNIT", "VERSION", "REVERTS TO", "UNTIL", "THROWN/CALLS", "BEFORE",
                "HEALTH"));
        for (ProbationDTO p : probations) {
            out.append(String.format(format, p.unit, p.to, p.from, TIME.format(Instant.ofEpochMilli(p.until)),
                    counts(p.thrown, p.calls), counts(p.baselineThrown, p.baselineCalls), p.health));
        }
        return out.toString();
    }

    @Descriptor("liveswap:probation takes no arguments: this form only explains that")
    public String probation(@Descriptor("none expected") String... extra) {
        return extra.length == 0 ? probation()
                : Arguments.wrongCount("probation", "no arguments", "liveswap:probation", extra);
    }

    @Descriptor("ends a unit's probation now: its update is accepted (journaled ACCEPTED) and a restart keeps it")
    public String accept(@Descriptor("the unit name, as listed by liveswap:probation") String unit) {
        if (!knownUnits().contains(unit)) {
            return Arguments.unknownUnit("accept", unit, knownUnits());
        }
        try {
            return UpdateCommands.line(updates.accept(unit));
        } catch (IllegalArgumentException e) {
            return "liveswap:accept " + unit + ": " + e.getMessage();
        }
    }

    @Descriptor("liveswap:accept takes one unit name: this form only explains that")
    public String accept(@Descriptor("exactly one unit name expected") String... arguments) {
        return arguments.length == 1 ? accept(arguments[0]) : Arguments.wrongCount("accept",
                "1 argument, the name of a unit on probation", "liveswap:accept <unit>", arguments);
    }

    @Descriptor("withdraws a pending update: it stops waiting, and its file stays in the folder, parked (not applied"
            + " until its content changes, or by liveswap:apply)")
    public String withdraw(@Descriptor("the unit name") String unit,
            @Descriptor("the version the pending update brings, as liveswap:pending lists it") String version) {
        if (!knownUnits().contains(unit)) {
            return Arguments.unknownUnit("withdraw", unit, knownUnits());
        }
        try {
            return UpdateCommands.line(updates.withdraw(unit, version));
        } catch (IllegalArgumentException e) {
            return "liveswap:withdraw " + unit + " " + version + ": " + e.getMessage();
        }
    }

    @Descriptor("liveswap:withdraw takes a unit name and a version: this form only explains that")
    public String withdraw(@Descriptor("exactly a unit name and a version expected") String... arguments) {
        return arguments.length == 2 ? withdraw(arguments[0], arguments[1]) : Arguments.wrongCount("withdraw",
                "2 arguments, the unit name and the version of its pending update", "liveswap:withdraw <unit>"
                        + " <version>", arguments);
    }

    private List<String> knownUnits() {
        return table.units().stream().map(u -> u.name).toList();
    }

    private static String counts(long thrown, long calls) {
        return calls < 0 ? "-" : thrown + "/" + calls;
    }
}
