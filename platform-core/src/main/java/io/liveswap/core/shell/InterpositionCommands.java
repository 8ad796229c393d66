package io.liveswap.core.shell;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.liveswap.core.shell.input.Arguments;
import io.liveswap.interpose.InterceptorDTO;
import io.liveswap.interpose.Interposition;

/** {@code liveswap:interceptors}, {@code uninterpose}: the interceptors in front of units. */
@Component(service = InterpositionCommands.class)
@GogoCommand(scope = "liveswap", function = {"interceptors", "uninterpose"})
public final class InterpositionCommands {

    private final Interposition interposition;

    @Activate
    public InterpositionCommands(@Reference Interposition interposition) {
        this.interposition = interposition;
    }

    @Descriptor("lists the interceptors in front of units, in the order calls go through them")
    public String interceptors() {
        TextTable out = new TextTable("ID", "UNIT", "STATE", "BUNDLE", "METHODS", "INTERCEPTOR");
        for (InterceptorDTO interceptor : interposition.interceptors()) {
            out.row(interceptor.serviceId, interceptor.unit, interceptor.active ? "active" : "withdrawn",
                    interceptor.bundleId, interceptor.methods.length == 0 ? "all" : String.join(",",
                            interceptor.methods), interceptor.className);
        }
        return out.toString();
    }

    @Descriptor("liveswap:interceptors takes no arguments: this form only explains that")
    public String interceptors(@Descriptor("none expected") String... extra) {
        return extra.length == 0 ? interceptors()
                : Arguments.wrongCount("interceptors", "no arguments", "liveswap:interceptors", extra);
    }

    @Descriptor("takes an interceptor out of the call path (until its service registers again)")
    public String uninterpose(@Descriptor("the interceptor's ID, as listed by liveswap:interceptors") String id) {
        long serviceId;
        try {
            serviceId = Long.parseLong(id.trim());
        } catch (NumberFormatException notANumber) {
            return "liveswap:uninterpose takes the interceptor's ID, a number (got '" + id
                    + "'). liveswap:interceptors lists the IDs";
        }
        List<InterceptorDTO> interceptors = interposition.interceptors();
        if (interceptors.stream().noneMatch(i -> i.serviceId == serviceId)) {
            return "liveswap:uninterpose: no interceptor has ID " + serviceId + " (IDs now: "
                    + (interceptors.isEmpty() ? "none" : String.join(", ", interceptors.stream()
                            .map(i -> Long.toString(i.serviceId)).toList())) + "). liveswap:interceptors lists them";
        }
        interposition.withdraw(serviceId);
        return "interceptor " + serviceId + " withdrawn";
    }

    @Descriptor("liveswap:uninterpose takes one interceptor ID: this form only explains that")
    public String uninterpose(@Descriptor("exactly one interceptor ID expected") String... arguments) {
        return arguments.length == 1 ? uninterpose(arguments[0]) : Arguments.wrongCount("uninterpose",
                "1 argument, the interceptor's ID", "liveswap:uninterpose <id>", arguments);
    }
}
