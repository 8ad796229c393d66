package io.liveswap.core.interposition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.interpose.InterceptorDTO;

/**
 * One unit's interceptors, highest service ranking first, and which of them were withdrawn
 * ({@code liveswap:uninterpose}). The unit puts {@link #effective} in front of whatever its proxy targets.
 *
 * <p><b>Protocol.</b> The chain's state is guarded by its own monitor. A change ({@link #add}, {@link #remove},
 * {@link #withdraw}) updates the state, releases the monitor and then calls the owner's listener, which re-points the
 * unit's proxy with the owner's lock held and reads the chain again through {@link #effective}. The owner's lock is
 * therefore never taken inside the chain's monitor (no lock-order cycle), and the last listener call always sees the
 * last change.
 */
public final class InterceptorChain {

    private static final Logger LOG = LoggerFactory.getLogger(InterceptorChain.class);
    private static final int FRONTS_KEPT = 4;

    private final String unit;
    private final Runnable changed;
    private final Map<ServiceReference<?>, Interposer.Interception> interceptors = new TreeMap<>(
            Comparator.reverseOrder()); // highest ranking first
    private final Set<ServiceReference<?>> withdrawn = new HashSet<>();
    /** Generated interposer classes by the interfaces they implement: the last few faces' (access order). */
    private final Map<List<Class<?>>, Interposer.Front> fronts = new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Class<?>>, Interposer.Front> eldest) {
            return size() > FRONTS_KEPT;
        }
    };

    /**
     * @param unit the unit name
     * @param changed called after every change, outside this chain's monitor, to re-point the unit's proxy
     */
    public InterceptorChain(String unit, Runnable changed) {
        this.unit = unit;
        this.changed = changed;
    }

    public String unit() {
        return unit;
    }

    /**
     * What a proxy of {@code interfaces} should target: {@code implementation} itself while no interceptor is
     * active, else an object that runs the active ones in front of it. Its class is generated once per set of
     * interfaces (the last few are kept).
     */
    public Object effective(List<Class<?>> interfaces, Object implementation) {
        List<Interposer.Interception> chain = active();
        return chain.isEmpty() ? implementation : front(interfaces).make(implementation, chain);
    }

    private synchronized Interposer.Front front(List<Class<?>> interfaces) {
        return fronts.computeIfAbsent(List.copyOf(interfaces), key -> Interposer.front(unit, key));
    }

    private synchronized List<Interposer.Interception> active() {
        List<Interposer.Interception> chain = new ArrayList<>();
        interceptors.forEach((reference, interception) -> {
            if (!withdrawn.contains(reference)) {
                chain.add(interception);
            }
        });
        return chain;
    }

    void add(ServiceReference<?> reference, Interposer.Interception interception) {
        synchronized (this) {
            interceptors.put(reference, interception);
            withdrawn.remove(reference);
        }
        changed("added", reference);
    }

    void remove(ServiceReference<?> reference) {
        synchronized (this) {
            if (interceptors.remove(reference) == null) {
                return;
            }
            withdrawn.remove(reference);
        }
        changed("removed", reference);
    }

    /** @return whether {@code reference} is one of this chain's interceptors (now withdrawn) */
    boolean withdraw(ServiceReference<?> reference) {
        synchronized (this) {
            if (!interceptors.containsKey(reference)) {
                return false;
            }
            withdrawn.add(reference);
        }
        changed("withdrawn", reference);
        return true;
    }

    synchronized List<InterceptorDTO> dtos() {
        List<InterceptorDTO> out = new ArrayList<>();
        interceptors.forEach((reference, interception) -> {
            InterceptorDTO dto = new InterceptorDTO();
            dto.serviceId = (Long) reference.getProperty(Constants.SERVICE_ID);
            dto.unit = unit;
            dto.className = interception.interceptor().getClass().getName();
            Bundle bundle = reference.getBundle();
            dto.bundleId = bundle == null ? -1 : bundle.getBundleId();
            dto.methods = interception.methods().toArray(String[]::new);
            dto.active = !withdrawn.contains(reference);
            out.add(dto);
        });
        return out;
    }

    private void changed(String what, ServiceReference<?> reference) {
        changed.run();
        int active;
        synchronized (this) {
            active = interceptors.size() - withdrawn.size();
        }
        LOG.info("Unit '{}': interceptor {} {}; {} active", unit, reference.getProperty(Constants.SERVICE_ID), what,
                active);
    }
}
