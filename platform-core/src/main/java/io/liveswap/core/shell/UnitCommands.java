package io.liveswap.core.shell;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitDTO;
import io.liveswap.core.shell.input.Arguments;
import io.liveswap.spi.UnitNotes;

/** {@code liveswap:units}, {@code status}: what the table holds. */
@Component(service = UnitCommands.class)
@GogoCommand(scope = "liveswap", function = {"units", "status"})
public final class UnitCommands {

    private final TranslationTable table;

    /** What the layers above know about units (e.g. probation); changes at any time, read per command. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.UPDATE)
    private final List<UnitNotes> notes = new CopyOnWriteArrayList<>();

    @Activate
    public UnitCommands(@Reference TranslationTable table) {
        this.table = table;
    }

    @Descriptor("lists every updatable unit: version, state, implementation bundle, calls, live instances, state"
            + " size, mode")
    public String units() {
        TextTable out = new TextTable("UNIT", "VERSION", "STATE", "BUNDLE", "CALLS", "INSTANCES", "STATE-VALUES",
                "QUIESCENCE", "CANDIDATES");
        for (UnitDTO unit : table.units()) {
            out.row(unit.name, unit.version, unit.available ? "serving" : "unavailable",
                    unit.available ? unit.implementationBundle + " [" + unit.implementationBundleId + "]" : null,
                    unit.calls < 0 ? null : unit.calls, instances(unit),
                    unit.stateValues < 0 ? null : unit.stateValues,
                    unit.quiescence, unit.candidates.length == 0 ? null : String.join(",", unit.candidates));
        }
        return out.toString();
    }

    /** "1200" or, while instances migrate lazily, "1200 (1.0.0: 200, 2.0.0: 1000)"; null for a single instance. */
    private static String instances(UnitDTO unit) {
        if (unit.instances < 0) {
            return null;
        }
        if (unit.instancesByVersion == null || unit.instancesByVersion.size() < 2) {
            return Long.toString(unit.instances);
        }
        StringBuilder out = new StringBuilder().append(unit.instances).append(" (");
        unit.instancesByVersion.forEach((version, count) -> out.append(out.charAt(out.length() - 1) == '(' ? "" : ", ")
                .append(version).append(": ").append(count));
        return out.append(')').toString();
    }

    @Descriptor("liveswap:units takes no arguments: this form only explains that")
    public String units(@Descriptor("none expected") String... extra) {
        return extra.length == 0 ? units() : Arguments.wrongCount("units", "no arguments", "liveswap:units", extra);
    }

    @Descriptor("liveswap:status takes one unit name: this form only explains that")
    public String status(@Descriptor("exactly one unit name expected") String... arguments) {
        return arguments.length == 1 ? status(arguments[0])
                : Arguments.wrongCount("status", "1 argument, the unit name", "liveswap:status <unit>", arguments);
    }

    @Descriptor("shows everything about one unit")
    public String status(@Descriptor("the unit name, as listed by liveswap:units") String name) {
        List<String> known = table.units().stream().map(u -> u.name).toList();
        if (!known.contains(name)) {
            return Arguments.unknownUnit("status", name, known);
        }
        UnitDTO unit = table.unit(name);
        TextTable out = new TextTable("PROPERTY", "VALUE");
        out.row("unit", unit.name).row("version", unit.version)
                .row("state", unit.available ? "serving" : "unavailable")
                .row("implementation", unit.implementationClass)
                .row("bundle", unit.available ? unit.implementationBundle + " [" + unit.implementationBundleId + "]"
                        : null)
                .row("interfaces", String.join(", ", unit.interfaces))
                .row("quiescence", unit.quiescence)
                .row("calls", unit.calls < 0 ? "not counted (stack-scan mode)" : unit.calls)
                .row("state values", unit.stateValues < 0 ? null : unit.stateValues + " (carried by the last swap)")
                .row("last pause", lastPause(unit))
                .row("instances", instances(unit))
                .row("instances failed to migrate", unit.instances < 0 ? null : unit.instancesFailed)
                .row("proxy service", unit.proxyServiceId)
                .row("faces", unit.faces > 1 ? unit.faces + " (older interface versions served through adapters)"
                        : null)
                .row("candidates", unit.candidates.length == 0 ? null : String.join(", ", unit.candidates))
                .row("calls, this version", unit.versionCalls < 0 ? null : unit.versionCalls + " (exceptions "
                        + unit.versionThrown + ")")
                .row("calls, version before", unit.previousVersion == null ? null : unit.previousVersionCalls
                        + " (exceptions " + unit.previousVersionThrown + ", version " + unit.previousVersion + ")");
        for (UnitNotes layer : notes) {
            for (String[] row : layer.notes(name)) {
                out.row(row[0], row[1]);
            }
        }
        return out.toString();
    }

    /** "830 µs (drain 120 µs, transfer 640 µs; 3 swaps)", or null before the first swap. */
    private static String lastPause(UnitDTO unit) {
        if (unit.swaps == 0) {
            return null;
        }
        return unit.lastPauseMicros + " µs (drain " + micros(unit.lastDrainMicros) + ", transfer "
                + micros(unit.lastTransferMicros) + "; " + unit.swaps + (unit.swaps == 1 ? " swap)" : " swaps)");
    }

    private static String micros(long micros) {
        return micros < 0 ? "not measured" : micros + " µs";
    }
}
