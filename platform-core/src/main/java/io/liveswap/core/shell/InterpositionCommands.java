package io.liveswap.core.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

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

    @Descriptor("takes an interceptor out of the call path (until its service registers again)")
    public String uninterpose(@Descriptor("the interceptor's ID, as listed by liveswap:interceptors") long id) {
        interposition.withdraw(id);
        return "interceptor " + id + " withdrawn";
    }
}
