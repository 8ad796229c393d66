package io.liveswap.core.interposition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

import io.liveswap.interpose.InterceptorDTO;
import io.liveswap.interpose.Interposition;
import io.liveswap.interpose.UnitInterceptor;

/**
 * Tracks {@link UnitInterceptor} services (those with {@value UnitInterceptor#INTERCEPTS}) and adds each to the
 * {@link InterceptorChain} of the unit it names, also before the unit has an implementation. Serves
 * {@link Interposition} for the table component that registers it. The unit and the methods are read once, when
 * an interceptor registers.
 */
public final class InterceptorTracker implements Interposition {

    private final ServiceTracker<UnitInterceptor, InterceptorChain> tracker;

    /**
     * @param context the platform bundle's context
     * @param chainOf the chain of a unit, made if the unit is not known yet
     */
    public InterceptorTracker(BundleContext context, Function<String, InterceptorChain> chainOf)
            throws InvalidSyntaxException {
        tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter("(&(objectClass="
                + UnitInterceptor.class.getName() + ")(" + UnitInterceptor.INTERCEPTS + "=*))"),
                new ServiceTrackerCustomizer<UnitInterceptor, InterceptorChain>() {
                    @Override
                    public InterceptorChain addingService(ServiceReference<UnitInterceptor> reference) {
                        UnitInterceptor interceptor = context.getService(reference);
                        if (interceptor == null) {
                            return null;
                        }
                        InterceptorChain chain = chainOf.apply(
                                String.valueOf(reference.getProperty(UnitInterceptor.INTERCEPTS)));
                        chain.add(reference, new Interposer.Interception(interceptor,
                                methods(reference.getProperty(UnitInterceptor.METHODS))));
                        return chain;
                    }

                    @Override
                    public void modifiedService(ServiceReference<UnitInterceptor> reference, InterceptorChain chain) {
                        // the unit and methods are read once, when the interceptor registers
                    }

                    @Override
                    public void removedService(ServiceReference<UnitInterceptor> reference, InterceptorChain chain) {
                        chain.remove(reference);
                        context.ungetService(reference);
                    }
                });
    }

    public void open() {
        tracker.open();
    }

    public void close() {
        tracker.close();
    }

    private static Set<String> methods(Object property) {
        String[] names = property == null ? new String[0]
                : property instanceof String[] array ? array : property.toString().split("\\s*,\\s*");
        return Collections.unmodifiableSortedSet(new TreeSet<>(List.of(names)));
    }

    /** Every interceptor, units in name order, each unit's in the order calls go through them. */
    @Override
    public List<InterceptorDTO> interceptors() {
        List<InterceptorDTO> all = new ArrayList<>();
        tracker.getTracked().values().stream().distinct().sorted(Comparator.comparing(InterceptorChain::unit))
                .forEach(chain -> all.addAll(chain.dtos()));
        return all;
    }

    @Override
    public void withdraw(long serviceId) {
        for (Map.Entry<ServiceReference<UnitInterceptor>, InterceptorChain> tracked : tracker.getTracked()
                .entrySet()) {
            if (serviceId == (Long) tracked.getKey().getProperty(Constants.SERVICE_ID)
                    && tracked.getValue().withdraw(tracked.getKey())) {
                return;
            }
        }
        throw new IllegalArgumentException("No interceptor has service id " + serviceId
                + "; liveswap:interceptors lists them");
    }
}
