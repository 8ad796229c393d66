package io.liveswap.updates.folder;

import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * Runs an action once, as soon as the framework has reached its beginning start level (at once if it has already):
 * by then every bundle an earlier run installed has started and registered its services, so the units are known.
 *
 * <p>Protocol: the framework's start-level events (delivered on its event thread) and {@link #start()} (on the
 * caller's thread) may both see the level reached; a flag lets exactly one of them run the action. {@link #stop()}
 * removes the listener; an action under way runs to its end.
 */
final class OnceStarted {

    private final BundleContext context;
    private final Runnable action;
    private final FrameworkStartLevel startLevel;
    private final int beginning;
    private final AtomicBoolean ran = new AtomicBoolean();
    private final FrameworkListener listener = this::changed;

    OnceStarted(BundleContext context, Runnable action) {
        this.context = context;
        this.action = action;
        this.startLevel = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class);
        String property = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        this.beginning = property == null ? 1 : Integer.parseInt(property.trim());
    }

    /** Runs the action now if the framework is there, else when it gets there. */
    void start() {
        context.addFrameworkListener(listener);
        runIfReached();
    }

    void stop() {
        try {
            context.removeFrameworkListener(listener);
        } catch (IllegalStateException stopped) {
            // the bundle is stopping: its listeners go with it
        }
    }

    private void changed(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED || event.getType() == FrameworkEvent.STARTED) {
            runIfReached();
        }
    }

    private void runIfReached() {
        if (startLevel.getStartLevel() >= beginning && ran.compareAndSet(false, true)) {
            stop();
            action.run();
        }
    }
}
