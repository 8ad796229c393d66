package io.liveswap.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.apache.felix.service.command.Function;
import org.jline.builtins.Completers.CompletionData;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Tab completion of unit names for the {@code liveswap:} commands that take one. Gogo JLine completes command
 * names by itself; arguments come from per-session completion specifications (what the {@code complete} command
 * edits). When a console session runs its first command (the login profile), this adds, once per session:
 * a function {@value #FUNCTION} that lists the units' names (from the registered unit proxies), and a
 * specification per command naming that function as the source of arguments.
 *
 * <p>Threading: called on the session's own thread; the session's variables are not shared between sessions.
 */
final class UnitNameCompletion implements CommandSessionListener {

    /** The session variable holding the function that lists unit names. */
    static final String FUNCTION = "__liveswap_units";
    /** Gogo JLine's session variable with the completion specifications (Shell.VAR_COMPLETIONS). */
    private static final String COMPLETIONS = ".completions";
    private static final List<String> COMMANDS_TAKING_A_UNIT = List.of(
            "liveswap:status", "liveswap:history", "liveswap:rollback", "liveswap:migrate");
    private static final String UNIT_PROXIES = "(&(liveswap.unit=*)(liveswap.proxy=true))";

    private final BundleContext context;

    UnitNameCompletion(BundleContext context) {
        this.context = context;
    }

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        if (!(session.get(COMPLETIONS) instanceof Map) || session.get(FUNCTION) != null) {
            return; // not a JLine console session, or done already
        }
        @SuppressWarnings("unchecked")
        Map<String, List<CompletionData>> completions = (Map<String, List<CompletionData>>) session.get(COMPLETIONS);
        session.put(FUNCTION, (Function) (s, arguments) -> unitNames());
        for (String name : COMMANDS_TAKING_A_UNIT) {
            completions.computeIfAbsent(name, n -> new ArrayList<>())
                    .add(new CompletionData(null, "unit", FUNCTION, null));
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {
        // nothing to do
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {
        // nothing to do
    }

    /** The names of the units that have a proxy registered, sorted. */
    List<String> unitNames() throws InvalidSyntaxException {
        ServiceReference<?>[] proxies = context.getServiceReferences((String) null, UNIT_PROXIES);
        TreeSet<String> names = new TreeSet<>();
        if (proxies != null) {
            for (ServiceReference<?> proxy : proxies) {
                names.add(String.valueOf(proxy.getProperty("liveswap.unit")));
            }
        }
        return new ArrayList<>(names);
    }
}
