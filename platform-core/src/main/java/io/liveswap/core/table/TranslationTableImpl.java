package io.liveswap.core.table;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

import io.liveswap.api.TranslationTable;
import io.liveswap.api.UnitConstants;
import io.liveswap.api.UnitDTO;
import io.liveswap.core.escape.SelfRegistrations;
import io.liveswap.core.interposition.InterceptorTracker;
import io.liveswap.interpose.InterceptorDTO;
import io.liveswap.interpose.Interposition;
import io.liveswap.spi.UnitControl;
import io.liveswap.spi.UnitControls;
import io.liveswap.spi.UnplannedUpdates;

/**
 * Tracks every raw implementation service (one with {@value UnitConstants#UNIT} and without
 * {@value UnitConstants#PROXY}) and keeps one {@link UnitEntry} per unit name; serves {@link UnitControls} (each
 * row's {@link UnitControlImpl}) and, through the {@link InterceptorTracker}, {@link Interposition}. Tells
 * {@link SelfRegistrations} which implementation objects it holds, so that one registered as a service of its own is
 * named in a warning.
 */
@Capability(namespace = "osgi.extender", name = UnitConstants.EXTENDER, version = "1.0.0")
@Component(service = {TranslationTable.class, UnitControls.class, Interposition.class}, immediate = true)
public final class TranslationTableImpl implements TranslationTable, UnitControls, Interposition {

    /** Filter matching raw implementation services of units. */
    public static final String RAW_IMPLEMENTATIONS = "(&(" + UnitConstants.UNIT + "=*)(!(" + UnitConstants.PROXY
            + "=*)))";

    private final Map<String, UnitEntry> units = new ConcurrentSkipListMap<>();
    private final ServiceTracker<Object, UnitEntry> tracker;
    private final InterceptorTracker interceptorTracker;
    private final SelfRegistrations selfRegistrations;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile UnplannedUpdates unplanned;

    @Activate
    public TranslationTableImpl(BundleContext context) throws InvalidSyntaxException {
        selfRegistrations = new SelfRegistrations(context);
        selfRegistrations.open();
        tracker = new ServiceTracker<>(context, FrameworkUtil.createFilter(RAW_IMPLEMENTATIONS),
                new ServiceTrackerCustomizer<Object, UnitEntry>() {
                    @Override
                    public UnitEntry addingService(ServiceReference<Object> reference) {
                        UnitEntry entry = units.computeIfAbsent(unitName(reference),
                                name -> new UnitEntry(name, context, () -> unplanned));
                        if (!entry.add(reference)) {
                            return null;
                        }
                        Object implementation = entry.service(reference);
                        if (implementation != null) {
                            selfRegistrations.implementationAdded(entry.name(), reference, implementation);
                        }
                        return entry;
                    }

                    @Override
                    public void modifiedService(ServiceReference<Object> reference, UnitEntry entry) {
                        // properties of an implementation are copied to the proxy when it is pointed at
                    }

                    @Override
                    public void removedService(ServiceReference<Object> reference, UnitEntry entry) {
                        selfRegistrations.implementationRemoved(reference);
                        entry.remove(reference);
                    }
                });
        tracker.open();
        interceptorTracker = new InterceptorTracker(context, unit -> units.computeIfAbsent(unit,
                name -> new UnitEntry(name, context, () -> unplanned)).interceptors());
        interceptorTracker.open();
    }

    @Override
    public List<InterceptorDTO> interceptors() {
        return interceptorTracker.interceptors();
    }

    @Override
    public void withdraw(long serviceId) {
        interceptorTracker.withdraw(serviceId);
    }

    @Deactivate
    void deactivate() {
        interceptorTracker.close();
        tracker.close();
        selfRegistrations.close();
        units.values().forEach(UnitEntry::close);
        units.clear();
    }

    @Override
    public List<UnitDTO> units() {
        return units.values().stream().filter(UnitEntry::hasProxy).map(UnitEntry::snapshot)
                .sorted(Comparator.comparing(d -> d.name)).toList();
    }

    @Override
    public UnitDTO unit(String unit) {
        return entry(unit).snapshot();
    }

    @Override
    public UnitDTO repoint(String unit, ServiceReference<?> implementation) {
        UnitEntry entry = entry(unit);
        if (!unit.equals(implementation.getProperty(UnitConstants.UNIT))) {
            throw new IllegalArgumentException("Service " + implementation + " implements unit '"
                    + implementation.getProperty(UnitConstants.UNIT) + "', not '" + unit + "'");
        }
        return entry.repointRaw(implementation);
    }

    @Override
    public UnitControl control(String unit) {
        return entry(unit).control();
    }

    private UnitEntry entry(String unit) {
        UnitEntry entry = units.get(unit);
        if (entry == null || !entry.hasProxy()) {
            List<String> known = units.values().stream().filter(UnitEntry::hasProxy).map(UnitEntry::name).toList();
            throw new IllegalArgumentException("Unknown unit '" + unit + "'. Known units: "
                    + (known.isEmpty() ? "none" : String.join(", ", known))
                    + ". A unit exists once a bundle registers a service with " + UnitConstants.UNIT + "=" + unit);
        }
        return entry;
    }

    private static String unitName(ServiceReference<?> reference) {
        return String.valueOf(reference.getProperty(UnitConstants.UNIT));
    }
}
