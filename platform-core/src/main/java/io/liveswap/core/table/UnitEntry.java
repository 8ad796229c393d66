package io.liveswap.core.table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.UnitConstants;
import io.liveswap.api.UnitDTO;
import io.liveswap.core.factory.InstanceTable;
import io.liveswap.core.interposition.Interposer;
import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.core.quiescence.CountingGate;
import io.liveswap.core.quiescence.Gate;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.interpose.InterceptorDTO;
import io.liveswap.spi.InstanceMigration;
import io.liveswap.spi.QuiescenceMode;
import io.liveswap.spi.QuiescenceTimeoutException;
import io.liveswap.spi.UnitControl;
import io.liveswap.spi.UnitControl.Migrated;
import io.liveswap.spi.UnplannedUpdates;

/**
 * One row of the translation table: a unit's proxy, its proxy service registration and every registered
 * implementation; also the unit's {@link UnitControl} for mediators. Table changes are serialised on this object;
 * the gate operations are not (a mediator waiting for quiescence must not hold up the table), and calls through the
 * proxy never touch it.
 */
final class UnitEntry implements UnitControl {

    private static final Logger LOG = LoggerFactory.getLogger(UnitEntry.class);
    private static final Set<String> NOT_COPIED = Set.of(Constants.SERVICE_ID, Constants.SERVICE_PID,
            Constants.SERVICE_BUNDLEID, Constants.SERVICE_SCOPE, Constants.OBJECTCLASS, "component.name",
            "component.id");

    private final String name;
    private final BundleContext context;
    private final Supplier<UnplannedUpdates> unplanned;
    private final Map<ServiceReference<?>, Implementation> implementations = new LinkedHashMap<>();
    private volatile UnitProxy proxy; // the first face's
    private volatile Faces faces; // set with the first proxy
    private volatile Implementation current;
    private volatile Implementation last;
    private boolean unpublished;
    private volatile long stateValues = -1;
    private final Map<ServiceReference<?>, Interposer.Interception> interceptors = new java.util.TreeMap<>(
            java.util.Comparator.reverseOrder()); // highest ranking first
    private final Set<ServiceReference<?>> withdrawn = new java.util.HashSet<>();
    private volatile InstanceTable instances; // multi-instance units only
    private Object plainTarget; // what the proxy targets, before interceptors

    UnitEntry(String name, BundleContext context, Supplier<UnplannedUpdates> unplanned) {
        this.name = name;
        this.context = context;
        this.unplanned = unplanned;
    }

    /** Adds a newly registered implementation; the first one (or any while unavailable) becomes current. */
    synchronized boolean add(ServiceReference<?> reference) {
        Implementation impl;
        try {
            impl = Implementation.load(context, reference);
        } catch (IllegalArgumentException e) {
            LOG.error("Unit '{}': ignoring an implementation service: {}", name, e.getMessage());
            return false;
        }
        if (proxy == null) {
            try {
                UnitProxy made = UnitProxy.create(name, impl.interfaces(),
                        QuiescenceMode.of(reference.getProperty(QuiescenceMode.PROPERTY)));
                if (impl.service() instanceof InstanceFactory factory) {
                    instances = new InstanceTable(name, factory.instanceTypes(), made);
                }
                faces = new Faces(name, made);
                proxy = made; // published last: hasProxy() means the faces exist
            } catch (IllegalArgumentException e) {
                context.ungetService(reference);
                LOG.error("Unit '{}': cannot make a proxy: {}", name, e.getMessage());
                return false;
            }
        } else if (instances != null && (!(impl.service() instanceof InstanceFactory factory)
                || !factory.instanceTypes().equals(instances.types()))) {
            context.ungetService(reference);
            LOG.error("Unit '{}': refusing {}: the unit's instances implement {}, and every version's factory must"
                    + " list exactly these instance types, wired to the same API bundle", name, impl.describe(),
                    names(instances.types()));
            return false;
        } else if (!Set.copyOf(names(impl.interfaces())).equals(Set.copyOf(names(proxy.interfaces())))) {
            context.ungetService(reference);
            LOG.error("Unit '{}': refusing {}: it is registered under {} but the unit's proxy serves {}; register it"
                    + " under exactly the unit's interfaces, wired to the same API bundle", name, impl.describe(),
                    names(impl.interfaces()), names(proxy.interfaces()));
            return false;
        }
        if (!faces.anyServes(impl.interfaces())) {
            LOG.info("Unit '{}': {} implements another copy of {} (a new interface version); consumers of the"
                    + " current copy will reach it through an adapter", name, impl.describe(),
                    names(impl.interfaces()));
        }
        implementations.put(reference, impl);
        if (current == null) {
            UnplannedUpdates mediator = unplanned.get();
            if (mediator == null || !mediator.arrived(this, reference)) {
                point(impl);
            }
        } else {
            LOG.info("Unit '{}': {} registered beside the current {}; it serves once the unit is re-pointed to it",
                    name, impl.describe(), current.describe());
        }
        return true;
    }

    /** Forgets an unregistered implementation; if it was current, a mediator or the best remaining one takes over. */
    synchronized void remove(ServiceReference<?> reference) {
        Implementation impl = implementations.get(reference);
        if (impl == null) {
            return;
        }
        if (impl == current) {
            UnplannedUpdates mediator = unplanned.get();
            if (mediator != null) {
                mediator.leaving(this, reference); // may re-point to a candidate, or leave the gate closed
            }
            implementations.remove(reference);
            if (current == impl) {
                fallBack(impl, mediator != null);
            }
        } else {
            implementations.remove(reference);
        }
        context.ungetService(reference);
    }

    private void fallBack(Implementation leaving, boolean mediated) {
        Optional<Implementation> next = implementations.values().stream()
                .max(Comparator.comparing(Implementation::version));
        if (next.isPresent() && !mediated) {
            point(next.get());
            return;
        }
        faces.unavailable();
        current = null;
        updateRegistration();
        if (!mediated || !proxy.gate().isClosed()) {
            LOG.warn("Unit '{}': {} went away and no other implementation is registered; calls fail with"
                    + " UnitUnavailableException until one registers", name, leaving.describe());
        }
    }

    synchronized UnitDTO repointRaw(ServiceReference<?> reference) {
        point(registered(reference));
        return snapshot();
    }

    private Implementation registered(ServiceReference<?> reference) {
        Implementation impl = implementations.get(reference);
        if (impl == null) {
            throw new IllegalArgumentException("Unit '" + name + "': service " + reference
                    + " is not a registered implementation of this unit; register it with " + UnitConstants.UNIT
                    + "=" + name + " under " + names(proxy.interfaces()));
        }
        return impl;
    }

    /** Re-points the proxy and publishes the change (service properties, log). */
    private void point(Implementation impl) {
        retarget(impl);
        publish();
    }

    private void retarget(Implementation impl) {
        retarget(impl, null, false);
    }

    /** For a multi-instance unit the proxy targets the factory front of the new generation. */
    private Migrated retarget(Implementation impl, InstanceMigration migration, boolean eager) {
        stateValues = -1;
        Object target = impl.service();
        Migrated migrated = null;
        // refuses an interface change a face's consumers cannot take, before anything changes
        Map<Face, Object> targets = instances == null ? faces.targets(impl, target, this::effective) : null;
        if (instances != null) {
            InstanceTable.Advance advance = instances.advance(impl.reference(), impl.version(),
                    (InstanceFactory) impl.service(), migration, eager);
            target = advance.front();
            migrated = advance.migrated();
        }
        plainTarget = target;
        if (targets == null) {
            proxy.retarget(effective(faces.first(), target));
        } else {
            faces.point(impl, target, targets, this::effective);
        }
        current = impl;
        last = impl;
        unpublished = true;
        return migrated;
    }

    /** The implementation, behind the active interceptors if there are any, as one face sees it. */
    private Object effective(Face face, Object implementation) {
        List<Interposer.Interception> chain = new ArrayList<>();
        interceptors.forEach((reference, interception) -> {
            if (!withdrawn.contains(reference)) {
                chain.add(interception);
            }
        });
        return chain.isEmpty() ? implementation : Interposer.interpose(name,
                face.proxy.proxy().getClass().getClassLoader(), face.interfaces(), implementation, chain);
    }

    synchronized void addInterceptor(ServiceReference<?> reference, Interposer.Interception interception) {
        interceptors.put(reference, interception);
        withdrawn.remove(reference);
        interpositionChanged("added", reference);
    }

    synchronized void removeInterceptor(ServiceReference<?> reference) {
        if (interceptors.remove(reference) != null) {
            withdrawn.remove(reference);
            interpositionChanged("removed", reference);
        }
    }

    synchronized boolean withdraw(long serviceId) {
        for (ServiceReference<?> reference : interceptors.keySet()) {
            if (serviceId == (Long) reference.getProperty(Constants.SERVICE_ID)) {
                withdrawn.add(reference);
                interpositionChanged("withdrawn", reference);
                return true;
            }
        }
        return false;
    }

    synchronized List<InterceptorDTO> interceptorDTOs() {
        List<InterceptorDTO> out = new ArrayList<>();
        interceptors.forEach((reference, interception) -> {
            InterceptorDTO dto = new InterceptorDTO();
            dto.serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
            dto.unit = name;
            dto.className = interception.interceptor().getClass().getName();
            Bundle bundle = reference.getBundle();
            dto.bundleId = bundle == null ? -1 : bundle.getBundleId();
            dto.methods = interception.methods().toArray(String[]::new);
            dto.active = !withdrawn.contains(reference);
            out.add(dto);
        });
        return out;
    }

    private void interpositionChanged(String what, ServiceReference<?> reference) {
        if (proxy != null && current != null) {
            if (instances != null) {
                proxy.retarget(effective(faces.first(), plainTarget));
            } else {
                faces.point(current, plainTarget, faces.targets(current, plainTarget, this::effective),
                        this::effective);
            }
        }
        LOG.info("Unit '{}': interceptor {} {}; {} active", name, reference.getProperty(Constants.SERVICE_ID), what,
                interceptors.size() - withdrawn.size());
    }

    /** Whether an implementation ever registered for this unit (an entry may exist for its interceptors only). */
    synchronized boolean hasProxy() {
        return proxy != null;
    }

    /** Updates the proxy's service properties to the current implementation: outside any swap's pause. */
    private void publish() {
        if (unpublished) {
            unpublished = false;
            updateRegistration();
            LOG.info("Unit '{}' now points to {}", name, last.describe());
        }
    }

    private void updateRegistration() {
        faces.publish(context, properties());
    }

    private Dictionary<String, Object> properties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        ServiceReference<?> source = last.reference();
        for (String key : source.getPropertyKeys()) {
            if (!NOT_COPIED.contains(key)) {
                properties.put(key, source.getProperty(key));
            }
        }
        properties.put(UnitConstants.UNIT, name);
        properties.put(UnitConstants.VERSION, last.version().toString());
        properties.put(UnitConstants.PROXY, Boolean.TRUE);
        return properties;
    }

    synchronized UnitDTO snapshot() {
        UnitDTO dto = new UnitDTO();
        dto.name = name;
        dto.version = last == null ? null : last.version().toString();
        dto.interfaces = proxy == null ? new String[0] : names(proxy.interfaces()).toArray(String[]::new);
        dto.available = current != null;
        dto.quiescence = proxy == null ? null : proxy.mode().label();
        Bundle bundle = current == null ? null : current.reference().getBundle();
        dto.implementationBundleId = bundle == null ? -1 : bundle.getBundleId();
        dto.implementationBundle = bundle == null ? null : bundle.getSymbolicName();
        dto.implementationClass = current == null ? null : current.service().getClass().getName();
        ServiceRegistration<?> first = faces == null ? null : faces.first().registration;
        dto.proxyServiceId = first == null ? -1 : (Long) first.getReference().getProperty(Constants.SERVICE_ID);
        dto.faces = faces == null ? 0 : faces.size();
        dto.calls = proxy != null && proxy.gate() instanceof CountingGate counting ? counting.calls() : -1;
        dto.stateValues = stateValues;
        InstanceTable table = instances;
        if (table != null) {
            dto.instances = table.count();
            dto.instancesByVersion = table.countByVersion();
            dto.instancesFailed = table.failedToMigrate();
        }
        dto.candidates = implementations.values().stream().filter(i -> i != current)
                .map(i -> i.version().toString()).toArray(String[]::new);
        return dto;
    }

    synchronized void close() {
        if (faces != null) {
            faces.unregisterAll();
        }
        implementations.clear();
        current = null;
        if (instances != null) {
            instances.clear();
        }
    }

    // ---- UnitControl, for mediators

    @Override
    public String unit() {
        return name;
    }

    @Override
    public QuiescenceMode mode() {
        return proxy.mode();
    }

    @Override
    public Version version() {
        Implementation impl = last;
        return impl == null ? Version.emptyVersion : impl.version();
    }

    @Override
    public ServiceReference<?> implementationReference() {
        Implementation impl = current;
        return impl == null ? null : impl.reference();
    }

    @Override
    public Object implementation() {
        Implementation impl = current;
        return impl == null ? null : impl.service();
    }

    @Override
    public synchronized Object implementation(ServiceReference<?> reference) {
        Implementation impl = registered(reference);
        if (instances == null) {
            faces.targets(impl, impl.service(), this::effective); // refuses a change a face's consumers cannot take
        }
        return impl.service();
    }

    @Override
    public Version versionOf(ServiceReference<?> reference) {
        return Implementation.versionOf(reference);
    }

    @Override
    public synchronized Collection<ServiceReference<?>> candidates() {
        List<ServiceReference<?>> candidates = new ArrayList<>();
        implementations.forEach((reference, impl) -> {
            if (impl != current) {
                candidates.add(reference);
            }
        });
        return candidates;
    }

    @Override
    public void close(Collection<? extends UnitControl> swappedTogether, Duration waitLimit) {
        List<Gate> group = new ArrayList<>();
        for (UnitControl unit : swappedTogether) {
            ((UnitEntry) unit).faces.gates(group);
        }
        faces.close(group, System.nanoTime() + waitLimit.toNanos());
    }

    @Override
    public void awaitQuiescence(Duration timeout) throws QuiescenceTimeoutException, InterruptedException {
        faces.awaitQuiescence(System.nanoTime() + timeout.toNanos());
    }

    @Override
    public synchronized void repoint(ServiceReference<?> reference) {
        retarget(registered(reference)); // published by open(), after the pause
    }

    @Override
    public synchronized Migrated repoint(ServiceReference<?> reference, InstanceMigration migration, boolean eager) {
        if (instances == null) {
            throw new IllegalStateException("Unit '" + name + "' is not a multi-instance unit");
        }
        return retarget(registered(reference), migration, eager);
    }

    @Override
    public Migrated migrateRemaining() {
        InstanceTable table = instances;
        if (table == null) {
            throw new IllegalStateException("Unit '" + name + "' is not a multi-instance unit");
        }
        return table.migrateRemaining();
    }

    @Override
    public boolean multiInstance() {
        return instances != null;
    }

    @Override
    public void whenUnused(ServiceReference<?> implementation, Runnable action) {
        InstanceTable table = instances;
        if (table == null) {
            action.run();
        } else {
            table.whenUnused(implementation, action);
        }
    }

    @Override
    public void stateCarried(long values) {
        stateValues = values;
    }

    @Override
    public void open() {
        faces.open();
        synchronized (this) {
            publish();
        }
    }

    private static List<String> names(List<Class<?>> interfaces) {
        return interfaces.stream().map(Class::getName).toList();
    }

    @Override
    public String toString() {
        return "unit '" + name + "'";
    }
}
