package io.liveswap.core.lazy;

import java.util.List;
import java.util.function.Consumer;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.liveswap.factory.InstanceFactory;
import io.liveswap.spi.InstanceMigration;

/**
 * The versions of one multi-instance unit: {@link #current()} is the one every instance must be on, read by every
 * instance call. Changed only by the unit's owner while the unit's gate is closed and drained (or before any
 * instance exists), so a call that sees an old current generation still runs inside the gate and is drained before
 * the next change.
 */
public final class Lineage {

    private final String unit;
    private final List<Class<?>> types;
    private final Consumer<Generation> drained;
    volatile Generation current;

    /**
     * @param unit the unit name, for messages
     * @param types the instance types every version's instances implement
     * @param drained told when the last live instance left a generation
     */
    public Lineage(String unit, List<Class<?>> types, Consumer<Generation> drained) {
        this.unit = unit;
        this.types = List.copyOf(types);
        this.drained = drained;
    }

    public String unit() {
        return unit;
    }

    public List<Class<?>> types() {
        return types;
    }

    public Generation current() {
        return current;
    }

    /** A generation for a factory; it becomes current with {@link #advance(Generation)}. */
    public Generation generation(ServiceReference<?> reference, Version version, InstanceFactory factory,
            InstanceMigration migration) {
        return new Generation(this, reference, version, factory, migration);
    }

    /** Makes {@code next} current: every instance's next call moves it there (see {@link Instance}). */
    public void advance(Generation next) {
        current = next;
    }

    void drained(Generation generation) {
        drained.accept(generation);
    }
}
