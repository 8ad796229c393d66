package io.liveswap.runtime.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.apache.felix.service.command.CommandSessionListener;

/**
 * Starts the runtime's support pieces. A plain activator, not a DS component: this bundle runs at start level 1,
 * before SCR, SLF4J's provider and the console, because each piece must be in place before they start.
 *
 * <p>Lifecycle: {@link LoggingDefaults} runs first and logs nothing (the logging back end reads the file it may
 * write on the first log call). Then the console's terminal loader (before Gogo JLine starts), the unit-name
 * completion, the shutdown hook and the pid file (written once the framework has started). Stopping the bundle undoes them in reverse order.
 */
public final class Activator implements BundleActivator {

    private ConsoleTerminalLoader terminalLoader;
    private ServiceRegistration<CommandSessionListener> completion;
    private OrderlyShutdown shutdown;
    private PidFile pidFile;

    @Override
    public void start(BundleContext context) {
        LoggingDefaults.ensure(context.getProperty(LoggingDefaults.CONFIGURATION_PROPERTY));
        terminalLoader = new ConsoleTerminalLoader(context);
        context.addBundleListener(terminalLoader);
        completion = context.registerService(CommandSessionListener.class, new UnitNameCompletion(context), null);
        shutdown = new OrderlyShutdown(context.getBundle(0));
        shutdown.install();
        pidFile = new PidFile(context.getProperty(PidFile.PROPERTY), context.getBundle(0),
                context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL));
        context.addFrameworkListener(pidFile);
    }

    @Override
    public void stop(BundleContext context) {
        context.removeFrameworkListener(pidFile);
        pidFile.delete();
        shutdown.uninstall();
        completion.unregister();
        context.removeBundleListener(terminalLoader);
    }
}
