package io.liveswap.core.escape;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.UnitConstants;

/**
 * Warns when a unit's raw implementation object is registered as a service of its own (typically
 * {@code context.registerService(Listener.class, this, ...)} in {@code @Activate}): callers of that service skip the
 * unit's gate, so around an update both versions receive its calls.
 *
 * <p>Only plain registered objects are compared (scope {@code singleton}); the service object of a service factory
 * is never asked for, as that would create one. Nothing is hidden or replaced: the registration's interfaces are not
 * the unit's, so no proxy of the unit could stand in for it, and hiding it would cut the unit off from its callers.
 *
 * <p><b>Protocol.</b> A registration made while the implementation activates (the usual case) happens before the
 * table holds the implementation object, so {@link #implementationAdded} looks through the implementation bundle's
 * services; one made later is seen by the service listener. Both may see the same registration: each service is
 * named once ({@code warned}).
 *
 * <p><b>Threading.</b> Thread safe; the table calls in from its tracker, the framework from any thread.
 */
public final class SelfRegistrations implements ServiceListener {

    private static final Logger LOG = LoggerFactory.getLogger(SelfRegistrations.class);
    private static final String CANDIDATES = "(&(" + Constants.SERVICE_SCOPE + "=" + Constants.SCOPE_SINGLETON
            + ")(!(" + UnitConstants.UNIT + "=*)))";

    private record Known(String unit, long bundle, Object object) {
    }

    private final BundleContext context;
    private final Map<ServiceReference<?>, Known> implementations = new ConcurrentHashMap<>();
    private final Set<Long> warned = ConcurrentHashMap.newKeySet();

    public SelfRegistrations(BundleContext context) {
        this.context = context;
    }

    public void open() {
        try {
            context.addServiceListener(this, CANDIDATES);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public void close() {
        context.removeServiceListener(this);
        implementations.clear();
    }

    /** A unit's implementation object is held by the table: checks what its bundle registered so far. */
    public void implementationAdded(String unit, ServiceReference<?> reference, Object implementation) {
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return;
        }
        implementations.put(reference, new Known(unit, bundle.getBundleId(), implementation));
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        for (ServiceReference<?> service : registered == null ? new ServiceReference<?>[0] : registered) {
            check(service);
        }
    }

    public void implementationRemoved(ServiceReference<?> reference) {
        implementations.remove(reference);
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            check(event.getServiceReference());
        }
    }

    private void check(ServiceReference<?> service) {
        Bundle owner = service.getBundle();
        if (owner == null || service.getProperty(UnitConstants.UNIT) != null
                || !Constants.SCOPE_SINGLETON.equals(service.getProperty(Constants.SERVICE_SCOPE))) {
            return;
        }
        long ownerId = owner.getBundleId();
        if (implementations.values().stream().noneMatch(known -> known.bundle() == ownerId)) {
            return; // not a bundle that hosts an implementation: its services are not looked at
        }
        Object object;
        try {
            object = context.getService(service); // a plain registered object: no factory runs
        } catch (IllegalStateException | SecurityException gone) {
            return;
        }
        if (object == null) {
            return;
        }
        try {
            for (Known known : implementations.values()) {
                if (known.object() == object && warned.add((Long) service.getProperty(Constants.SERVICE_ID))) {
                    warn(known.unit(), owner, service);
                }
            }
        } finally {
            context.ungetService(service);
        }
    }

    private static void warn(String unit, Bundle owner, ServiceReference<?> service) {
        String interfaces = Arrays.toString((String[]) service.getProperty(Constants.OBJECTCLASS));
        LOG.warn("Bundle {} [{}] registered the implementation object of unit '{}' itself as a service under {}"
                + " (service.id {}): calls through that service skip the unit's gate, so around an update both"
                + " versions receive them (handled twice before the state is exported, lost after). Do not register"
                + " this; declare the interfaces among the unit's services, e.g. @Component(service = {<unit"
                + " interfaces>, {}}), and the platform registers the unit's proxy under them. See docs/UPDATES.md,"
                + " \"Escaped this\"", owner.getSymbolicName(), owner.getBundleId(), unit, interfaces,
                service.getProperty(Constants.SERVICE_ID), interfaces.substring(1, interfaces.length() - 1));
    }
}
