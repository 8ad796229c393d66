package io.liveswap.runtime.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the framework in order when the JVM is asked to end (SIGTERM from {@code bin/liveswap stop} or systemd,
 * SIGINT, or {@code System.exit}): bundles stop in reverse start order, the platform sees the framework STOPPING
 * and takes units out of service quietly, the journal and the log are flushed. The bnd launcher has no such hook.
 *
 * <p>Protocol: the hook calls {@code stop()} on the system bundle (which returns at once and stops the bundles on
 * Felix's own thread) and waits for the framework to reach RESOLVED, at most {@value #DEADLINE_SECONDS} s; the JVM
 * ends when the hook returns. The launcher's main thread sees the framework stop and calls {@code System.exit},
 * which blocks while hooks run: nothing here calls {@code System.exit}. If the framework stops by other means
 * (the console's {@code shutdown}, or a closed console), this bundle (start level 1) stops last and removes the
 * hook.
 */
final class OrderlyShutdown {

    static final int DEADLINE_SECONDS = 30;

    private final Bundle framework;
    private final Thread hook = new Thread(this::stopFramework, "liveswap-shutdown");

    OrderlyShutdown(Bundle framework) {
        this.framework = framework;
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    void uninstall() {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownUnderWay) {
            // the hook runs or ran: nothing to remove
        }
    }

    private void stopFramework() {
        if ((framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
            return; // stopping or stopped already
        }
        // Looked up here, not in a static field: this class loads at start level 1, before SLF4J has its provider.
        Logger log = LoggerFactory.getLogger(OrderlyShutdown.class);
        log.info("The JVM is shutting down: stopping the framework");
        try {
            framework.stop();
            if (framework instanceof Framework) {
                FrameworkEvent event = ((Framework) framework).waitForStop(DEADLINE_SECONDS * 1000L);
                if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                    // standard error, not SLF4J: the logging bundles stop with the framework
                    System.err.println("Liveswap: the framework did not stop within " + DEADLINE_SECONDS + " s");
                }
            }
        } catch (BundleException | InterruptedException | RuntimeException e) {
            // standard error, not SLF4J: the logging bundles may have stopped already
            System.err.println("Liveswap: the framework could not be stopped in order: " + e);
        }
    }
}
