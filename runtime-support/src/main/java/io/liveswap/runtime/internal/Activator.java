package io.liveswap.runtime.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.apache.felix.service.command.CommandSessionListener;

/**
 * Starts the runtime's support pieces. A plain activator, not a DS component: this bundle runs at start level 1,
 * before SCR, SLF4J's provider and the console, because each piece must be in place before they start.
 *
 * <p>Lifecycle: {@link LoggingDefaults} runs first and logs nothing (the logging back end reads the file it may
 * write on the first log call). Then the console's terminal loader (before Gogo JLine starts), the unit-name
 * completion, and the shutdown hook. Stopping the bundle undoes them in reverse order.
 */
public final class Activator implements BundleActivator {

    private ConsoleTerminalLoader terminalLoader;
    private ServiceRegistration<CommandSessionListener> completion;
    private OrderlyShutdown shutdown;

    @Override
    public void start(BundleContext context) {
        LoggingDefaults.ensure(context.getProperty(LoggingDefaults.CONFIGURATION_PROPERTY));
        terminalLoader = new ConsoleTerminalLoader(context);
        context.addBundleListener(terminalLoader);
        completion = context.registerService(CommandSessionListener.class, new UnitNameCompletion(context), null);
        shutdown = new OrderlyShutdown(context.getBundle(0));
        shutdown.install();
    }

    @Override
    public void stop(BundleContext context) {
        shutdown.uninstall();
        completion.unregister();
        context.removeBundleListener(terminalLoader);
    }
}
