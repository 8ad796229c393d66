package io.liveswap.fleet.shell;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.liveswap.core.shell.input.Arguments;
import io.liveswap.fleet.member.FleetMember;
import io.liveswap.fleet.member.MemberRecord;

/** {@code liveswap:fleet}: the members of this container's fleet and their units' versions. */
@Component(service = FleetCommands.class)
@GogoCommand(scope = "liveswap", function = {"fleet"})
public final class FleetCommands {

    private final FleetMember member;

    @Activate
    public FleetCommands(@Reference FleetMember member) {
        this.member = member;
    }

    @Descriptor("lists the members of this container's fleet (read from ZooKeeper now): id, host, every unit's"
            + " version, probations")
    public String fleet() {
        List<MemberRecord> members;
        try {
            members = member.members();
        } catch (IllegalStateException e) {
            return "liveswap:fleet: " + e.getMessage();
        }
        StringBuilder out = new StringBuilder("Fleet '" + member.settings().fleet() + "' on "
                + member.settings().connect() + ": " + members.size() + (members.size() == 1 ? " member" : " members")
                + "\n");
        String format = "%-24s %-20s %-40s %s%n";
        out.append(String.format(format, "MEMBER", "HOST", "UNITS", "PROBATION"));
        for (MemberRecord record : members) {
            Map<String, String> values = record.values();
            out.append(String.format(format, values.getOrDefault("id", "?")
                    + (member.settings().member().equals(values.get("id")) ? " (this)" : ""),
                    values.getOrDefault("host", "?"), join(record.units()), join(record.probations())));
        }
        return out.toString();
    }

    @Descriptor("liveswap:fleet takes no arguments: this form only explains that")
    public String fleet(@Descriptor("none expected") String... extra) {
        return extra.length == 0 ? fleet() : Arguments.wrongCount("fleet", "no arguments", "liveswap:fleet", extra);
    }

    private static String join(Map<String, String> values) {
        return values.isEmpty() ? "-" : values.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
