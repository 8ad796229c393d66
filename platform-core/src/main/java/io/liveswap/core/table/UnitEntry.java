package io.liveswap.core.table;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.UnitDTO;
import io.liveswap.core.factory.InstanceTable;
import io.liveswap.core.interposition.InterceptorChain;
import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.spi.InstanceMigration;
import io.liveswap.spi.QuiescenceMode;
import io.liveswap.spi.UnitControl.Migrated;
import io.liveswap.spi.UnplannedUpdates;

/**
 * One row of the translation table: a unit's faces (proxies and their service registrations), every registered
 * implementation, which one serves, and the unit's DTO. Its interceptor chain ({@link InterceptorChain}) and its
 * control for mediators ({@link UnitControlImpl}) are separate objects owned by the row.
 *
 * <p><b>Threading.</b> Table changes (implementations arriving and leaving, re-points, interceptor changes) are
 * serialised on this object; the gate operations are not (a mediator waiting for quiescence must not hold up the
 * table), and calls through the proxy never touch it.
 */
final class UnitEntry {

    private static final Logger LOG = LoggerFactory.getLogger(UnitEntry.class);
    private final String name;
    private final BundleContext context;
    private final Supplier<UnplannedUpdates> unplanned;
    private final Implementations implementations;
    private final InterceptorChain interceptors;
    private final UnitControlImpl control = new UnitControlImpl(this);
    private volatile UnitProxy proxy; // the first face's
    private volatile Faces faces; // set with the first proxy
    private volatile Implementation current;
    private volatile Implementation last;
    private final VersionCounts counts = new VersionCounts();
    private boolean unpublished;
    private volatile long stateValues = -1;
    private volatile InstanceTable instances; // multi-instance units only
    private Object plainTarget; // what the proxy targets, before interceptors

    UnitEntry(String name, BundleContext context, Supplier<UnplannedUpdates> unplanned) {
        this.name = name;
        this.context = context;
        this.unplanned = unplanned;
        this.implementations = new Implementations(name);
        this.interceptors = new InterceptorChain(name, this::interpositionChanged);
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
        } else {
            String refusal = Admission.refusal(impl, proxy, instances);
            if (refusal != null) {
                context.ungetService(reference);
                LOG.error("Unit '{}': refusing {}: {}", name, impl.describe(), refusal);
                return false;
            }
        }
        if (!faces.anyServes(impl.interfaces())) {
            LOG.info("Unit '{}': {} implements another copy of {} (a new interface version); consumers of the"
                    + " current copy will reach it through an adapter", name, impl.describe(),
                    Faces.names(impl.interfaces()));
        }
        implementations.add(impl);
        if (current == null) {
            UnplannedUpdates mediator = unplanned.get();
            if (mediator == null || !mediator.arrived(control, reference)) {
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
        if (impl == current && frameworkStopping()) {
            // An orderly framework stop takes implementations away in reverse start order: not an update to
            // mediate, nor a loss to warn about.
            implementations.remove(reference);
            outOfService("the framework is stopping");
            LOG.info("Unit '{}': {} stopped with the framework", name, impl.describe());
        } else if (impl == current) {
            UnplannedUpdates mediator = unplanned.get();
            if (mediator != null) {
                mediator.leaving(control, reference); // may re-point to a candidate, or leave the gate closed
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

    /** True from the moment the framework begins to stop (the system bundle is STOPPING, or gone). */
    private boolean frameworkStopping() {
        try {
            return context.getBundle(0).getState() == Bundle.STOPPING;
        } catch (IllegalStateException contextInvalid) {
            return true;
        }
    }

    private void fallBack(Implementation leaving, boolean mediated) {
        Optional<Implementation> next = implementations.best();
        if (next.isPresent() && !mediated) {
            point(next.get());
            return;
        }
        faces.unavailable(null);
        current = null;
        updateRegistration();
        if (!mediated || !proxy.gate().isClosed()) {
            LOG.warn("Unit '{}': {} went away and no other implementation is registered; calls fail with"
                    + " UnitUnavailableException until one registers", name, leaving.describe());
        }
    }

    /** Points the unit at nothing: calls fail with {@code why} until the next re-point (see UnitControl). */
    synchronized void outOfService(String why) {
        faces.unavailable(why);
        current = null;
        updateRegistration();
    }

    synchronized UnitDTO repointRaw(ServiceReference<?> reference) {
        point(registered(reference));
        return snapshot();
    }

    private Implementation registered(ServiceReference<?> reference) {
        return implementations.registered(reference, Faces.names(proxy.interfaces()));
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
        counts.pointed(impl.version(), faces.calls(), faces.thrown());
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
        return interceptors.effective(face.interfaces(), implementation);
    }

    /** The unit's interceptor chain; the interposition tracker adds interceptors to it. */
    InterceptorChain interceptors() {
        return interceptors;
    }

    /** After a change of the interceptor chain: re-points every face through the new chain. */
    private synchronized void interpositionChanged() {
        if (proxy != null && current != null) {
            if (instances != null) {
                proxy.retarget(effective(faces.first(), plainTarget));
            } else {
                faces.point(current, plainTarget, faces.targets(current, plainTarget, this::effective),
                        this::effective);
            }
        }
    }

    /** The unit's counts per version, for its DTO; called with the row locked. */
    void fillCounts(UnitDTO dto) {
        counts.fill(dto, faces == null ? -1 : faces.calls(), faces == null ? -1 : faces.thrown());
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
        faces.publish(context, last.proxyProperties(name));
    }

    synchronized UnitDTO snapshot() {
        return UnitSnapshot.of(this, implementations.others(current), stateValues);
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

    // ---- for the unit's control (UnitControlImpl), which mediators drive

    String name() {
        return name;
    }

    UnitControlImpl control() {
        return control;
    }

    UnitProxy proxy() {
        return proxy;
    }

    Faces faces() {
        return faces;
    }

    Implementation current() { // null while none serves
        return current;
    }

    Implementation last() { // the current one, or the last while none serves; null before the first
        return last;
    }

    InstanceTable instances() { // null for a unit of one instance
        return instances;
    }

    /** A registered implementation's service, after checking that every face can be served by it. */
    synchronized Object implementation(ServiceReference<?> reference) {
        Implementation impl = registered(reference);
        if (instances == null) {
            faces.check(impl); // refuses a change a face's consumers cannot take
        }
        return impl.service();
    }

    /** The service object of a registered implementation, or {@code null} if {@code reference} is not one. */
    synchronized Object service(ServiceReference<?> reference) {
        Implementation impl = implementations.get(reference);
        return impl == null ? null : impl.service();
    }

    synchronized Collection<ServiceReference<?>> candidates() {
        return implementations.others(current).stream().<ServiceReference<?>>map(Implementation::reference)
                .toList();
    }

    /** Re-points during a swap; published by {@link #published()}, after the pause. */
    synchronized void repoint(ServiceReference<?> reference) {
        retarget(registered(reference));
    }

    synchronized Migrated repoint(ServiceReference<?> reference, InstanceMigration migration, boolean eager) {
        if (instances == null) {
            throw new IllegalStateException("Unit '" + name + "' is not a multi-instance unit");
        }
        return retarget(registered(reference), migration, eager);
    }

    void stateCarried(long values) {
        stateValues = values;
    }

    /** Publishes what a swap changed (service properties, log), once its gates are open. */
    synchronized void published() {
        publish();
    }

    @Override
    public String toString() {
        return "unit '" + name + "'";
    }
}
