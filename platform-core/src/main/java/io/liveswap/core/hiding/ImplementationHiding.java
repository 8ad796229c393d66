package io.liveswap.core.hiding;

import java.util.Collection;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.UnitConstants;
import io.liveswap.core.table.TranslationTableImpl;

/**
 * Hides raw implementation services of units from every bundle except the platform bundle, the implementation's
 * own bundle and the system bundle: they are neither found nor announced. (Frameworks ignore hooks for the system
 * bundle anyway: an application embedding the framework that looks units up through the system bundle's context
 * must filter on {@code (liveswap.proxy=true)}.) Consumers therefore see the unit's proxy
 * only. A bundle that bound a raw implementation before this hook was registered is named in a warning.
 */
@Component(service = {FindHook.class, EventListenerHook.class}, immediate = true)
public final class ImplementationHiding implements FindHook, EventListenerHook {

    private static final Logger LOG = LoggerFactory.getLogger(ImplementationHiding.class);

    private final long platformBundle;

    @Activate
    public ImplementationHiding(BundleContext context) {
        this.platformBundle = context.getBundle().getBundleId();
        warnAboutEarlyBinders(context);
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        references.removeIf(reference -> hiddenFrom(context.getBundle().getBundleId(), reference));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> reference = event.getServiceReference();
        if (isRawImplementation(reference)) {
            listeners.keySet().removeIf(context -> hiddenFrom(context.getBundle().getBundleId(), reference));
        }
    }

    private boolean hiddenFrom(long viewerId, ServiceReference<?> reference) {
        if (!isRawImplementation(reference)) {
            return false;
        }
        Bundle owner = reference.getBundle();
        return viewerId != platformBundle && viewerId != 0 && (owner == null || owner.getBundleId() != viewerId);
    }

    static boolean isRawImplementation(ServiceReference<?> reference) {
        return reference.getProperty(UnitConstants.UNIT) != null && reference.getProperty(UnitConstants.PROXY) == null;
    }

    private void warnAboutEarlyBinders(BundleContext context) {
        try {
            ServiceReference<?>[] raw = context.getAllServiceReferences(null, TranslationTableImpl.RAW_IMPLEMENTATIONS);
            if (raw == null) {
                return;
            }
            for (ServiceReference<?> reference : raw) {
                Bundle[] users = reference.getUsingBundles();
                for (Bundle user : users == null ? new Bundle[0] : users) {
                    if (hiddenFrom(user.getBundleId(), reference)) {
                        LOG.warn("Bundle {} bound the raw implementation of unit '{}' before the platform started;"
                                + " it will not follow updates of the unit. Give io.liveswap.platform.core a lower"
                                + " start level than unit bundles, or restart bundle {}", user.getSymbolicName(),
                                reference.getProperty(UnitConstants.UNIT), user.getBundleId());
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
