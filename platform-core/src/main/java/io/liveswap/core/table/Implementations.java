package io.liveswap.core.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.ServiceReference;

import io.liveswap.api.UnitConstants;

/**
 * The registered implementations of one unit, in registration order. Not thread-safe: the owning
 * {@link UnitEntry} guards it with its lock.
 */
final class Implementations {

    private final String unit;
    private final Map<ServiceReference<?>, Implementation> byReference = new LinkedHashMap<>();

    Implementations(String unit) {
        this.unit = unit;
    }

    void add(Implementation impl) {
        byReference.put(impl.reference(), impl);
    }

    /** @return the implementation of {@code reference}, or {@code null} if it is not registered */
    Implementation get(ServiceReference<?> reference) {
        return byReference.get(reference);
    }

    void remove(ServiceReference<?> reference) {
        byReference.remove(reference);
    }

    void clear() {
        byReference.clear();
    }

    /**
     * @throws IllegalArgumentException if {@code reference} is not a registered implementation of the unit, saying
     *         how to register one under {@code interfaces}
     */
    Implementation registered(ServiceReference<?> reference, List<String> interfaces) {
        Implementation impl = byReference.get(reference);
        if (impl == null) {
            throw new IllegalArgumentException("Unit '" + unit + "': service " + reference
                    + " is not a registered implementation of this unit; register it with " + UnitConstants.UNIT
                    + "=" + unit + " under " + interfaces);
        }
        return impl;
    }

    /** The highest-versioned one, if any is registered. */
    Optional<Implementation> best() {
        return byReference.values().stream().max(Comparator.comparing(Implementation::version));
    }

    /** Every registered implementation but {@code current}. */
    List<Implementation> others(Implementation current) {
        List<Implementation> others = new ArrayList<>();
        byReference.values().forEach(impl -> {
            if (impl != current) {
                others.add(impl);
            }
        });
        return others;
    }
}
