package io.liveswap.runtime.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleWiring;

/**
 * Lets the Gogo JLine console find JLine's terminal providers. JLine looks them up through the thread's context
 * class loader ({@code META-INF/services/org/jline/terminal/provider/*}), which in OSGi is the launcher's and does
 * not see the JLine bundle: the console then falls back to a "dumb" terminal without line editing, history or
 * completion. While the Gogo bundles start (their activators build the terminal), this sets the starting thread's
 * context class loader to JLine's bundle class loader, and puts the previous one back once they started.
 *
 * <p>Protocol: a synchronous bundle listener gets STARTING on the thread that is about to call the bundle's
 * activator, and STARTED (or STOPPING/STOPPED if the activator failed) on the same thread afterwards. The saved
 * loader is kept per thread, so two bundles starting on different threads do not mix their loaders up.
 */
final class ConsoleTerminalLoader implements SynchronousBundleListener {

    private static final String JLINE = "org.jline";
    private static final String GOGO = "org.apache.felix.gogo.";

    private final BundleContext context;
    private final Map<Thread, Saved> saved = new ConcurrentHashMap<>();

    ConsoleTerminalLoader(BundleContext context) {
        this.context = context;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (bundle.getSymbolicName() == null || !bundle.getSymbolicName().startsWith(GOGO)) {
            return;
        }
        Thread thread = Thread.currentThread();
        switch (event.getType()) {
            case BundleEvent.STARTING:
                ClassLoader jline = jlineLoader();
                if (jline != null) {
                    saved.put(thread, new Saved(thread.getContextClassLoader()));
                    thread.setContextClassLoader(jline);
                }
                break;
            case BundleEvent.STARTED:
            case BundleEvent.STOPPING:
            case BundleEvent.STOPPED:
                Saved previous = saved.remove(thread);
                if (previous != null) {
                    thread.setContextClassLoader(previous.loader);
                }
                break;
            default:
                break;
        }
    }

    private ClassLoader jlineLoader() {
        for (Bundle bundle : context.getBundles()) {
            if (JLINE.equals(bundle.getSymbolicName())) {
                BundleWiring wiring = bundle.adapt(BundleWiring.class);
                return wiring == null ? null : wiring.getClassLoader();
            }
        }
        return null;
    }

    /** The loader to put back; a holder because a thread's context loader may be null. */
    private static final class Saved {
        final ClassLoader loader;

        Saved(ClassLoader loader) {
            this.loader = loader;
        }
    }
}
