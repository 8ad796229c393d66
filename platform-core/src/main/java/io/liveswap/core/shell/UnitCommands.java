package io.liveswap.core.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitDTO;

/** {@code liveswap:units} and {@code liveswap:unit}: what the translation table holds. */
@Component(service = UnitCommands.class)
@GogoCommand(scope = "liveswap", function = {"units", "unit"})
public final class UnitCommands {

    private final TranslationTable table;

    @Activate
    public UnitCommands(@Reference TranslationTable table) {
        this.table = table;
    }

    @Descriptor("lists every updatable unit: version, implementation bundle and class, proxy service")
    public String units() {
        TextTable out = new TextTable("UNIT", "VERSION", "STATE", "BUNDLE", "IMPLEMENTATION", "QUIESCENCE",
                "PROXY", "CANDIDATES");
        for (UnitDTO unit : table.units()) {
            out.row(unit.name, unit.version, unit.available ? "serving" : "unavailable",
                    unit.available ? unit.implementationBundle + " [" + unit.implementationBundleId + "]" : null,
                    unit.implementationClass, unit.quiescence, "service " + unit.proxyServiceId,
                    unit.candidates.length == 0 ? null : String.join(",", unit.candidates));
        }
        return out.toString();
    }

    @Descriptor("shows one unit")
    public UnitDTO unit(@Descriptor("the unit name, as listed by liveswap:units") String name) {
        return table.unit(name);
    }
}
