package io.liveswap.core.factory;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.core.lazy.Generation;
import io.liveswap.core.lazy.Instance;
import io.liveswap.core.lazy.Lineage;
import io.liveswap.core.lazy.Residence;
import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.spi.InstanceMigration;
import io.liveswap.spi.UnitControl.Migrated;

/**
 * The live instances of one multi-instance unit. Instances are created through {@link InstanceFront} (inside the
 * unit's gate), each wrapped in a generated proxy that shares the unit's gate and holds its {@link Instance}
 * handle; the table keeps only weak references, so an instance nobody holds is collected and leaves the count the
 * next time the table looks ({@link #count()}, {@link #create}, {@link #advance}).
 *
 * <p><b>Threads.</b> {@link #advance} and {@link #migrateRemaining} run on the mediator's thread while the unit is
 * closed and drained; {@link #create} on callers' threads inside the gate; {@link #count()} and the other queries on
 * any thread. Collected instances are accounted exactly once (whoever removes the weak entry from {@code live});
 * a retirement runs exactly once (whoever removes it from {@code retirements}); generations are dropped only when
 * they are not current, empty and awaited by no retirement.
 */
public final class InstanceTable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceTable.class);

    /** A bundle to retire once no instance lives on the generations of one implementation. */
    private record Retirement(ServiceReference<?> implementation, Runnable action) {
    }

    private final String unit;
    private final Lineage lineage;
    private final MethodHandle newProxy;
    private final Set<Tracked> live = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<Instance> collected = new ReferenceQueue<>();
    private final List<Generation> generations = new CopyOnWriteArrayList<>();
    private final List<Retirement> retirements = new CopyOnWriteArrayList<>();

    /**
     * @param unit the unit name
     * @param types the instance types, from the first version's factory
     * @param proxy the unit's proxy (of its factory), whose gate instance calls share
     */
    public InstanceTable(String unit, List<Class<?>> types, UnitProxy proxy) {
        this.unit = unit;
        this.lineage = new Lineage(unit, types, this::drained);
        this.newProxy = proxy.instanceProxyConstructor(types)
                .asType(MethodType.methodType(Object.class, Instance.class));
    }

    String unit() {
        return unit;
    }

    public List<Class<?>> types() {
        return lineage.types();
    }

    /**
     * Makes the generation of an implementation current and returns what the unit's proxy should target for it.
     * Eager: every live instance migrates now (the caller holds the unit closed and drained).
     */
    public Advance advance(ServiceReference<?> reference, Version version, InstanceFactory factory,
            InstanceMigration migration, boolean eager) {
        expunge();
        Generation next = lineage.generation(reference, version, factory, migration);
        lineage.advance(next); // current before listed: a concurrent forgetEmpty() never drops it
        generations.add(next);
        long migrated = 0;
        long failed = 0;
        long pending = 0;
        if (!eager || migration == null) {
            pending = live.size(); // lazy: O(1) inside the pause, whatever the number of instances
        } else {
            long[] counts = migrateAll(next);
            migrated = counts[0];
            failed = counts[1];
        }
        forgetEmpty();
        return new Advance(new InstanceFront(this, next), new Migrated(migrated, failed, pending, next.failures()));
    }

    /** Moves every live instance not on the current generation there; the caller holds the unit drained. */
    public Migrated migrateRemaining() {
        expunge();
        Generation current = lineage.current();
        long[] counts = migrateAll(current);
        return new Migrated(counts[0], counts[1], 0, current.failures());
    }

    /** Moves every live instance not on {@code to} there: {migrated, failed}. */
    private long[] migrateAll(Generation to) {
        long[] counts = new long[2];
        for (Tracked tracked : live) {
            Instance instance = tracked.get();
            if (instance != null && instance.generation() != to) {
                counts[instance.migrateTo(to) ? 0 : 1]++;
            }
        }
        return counts;
    }

    /** The outcome of {@link #advance}: the factory front the proxy targets, and what happened to instances. */
    public record Advance(InstanceFactory front, Migrated migrated) {
    }

    Object create(Generation generation, Map<String, Object> arguments) {
        expunge();
        Map<String, Object> kept = arguments == null || arguments.isEmpty() ? Map.of() : Map.copyOf(arguments);
        Object target = generation.factory().create(kept);
        for (Class<?> type : lineage.types()) {
            if (!type.isInstance(target)) {
                throw new IllegalStateException("Unit '" + unit + "': the factory of " + generation + " made "
                        + (target == null ? "null" : target.getClass().getName()) + ", which does not implement "
                        + type.getName() + "; every instance must implement " + lineage.types());
            }
        }
        Residence residence = new Residence();
        Instance instance = new Instance(lineage, kept, generation, target, residence);
        generation.arrived();
        live.add(new Tracked(instance, residence, collected));
        try {
            return (Object) newProxy.invokeExact(instance);
        } catch (Throwable impossible) {
            throw new IllegalStateException("Cannot instantiate the instance proxy of unit '" + unit + "'",
                    impossible);
        }
    }

    /** @return live instances (collected ones are subtracted first) */
    public long count() {
        expunge();
        return live.size();
    }

    /** @return live instances per version, for those versions that have any */
    public Map<String, Long> countByVersion() {
        expunge();
        Map<String, Long> out = new TreeMap<>();
        for (Generation generation : generations) {
            if (generation.live() > 0) {
                out.merge(generation.version().toString(), generation.live(), Long::sum);
            }
        }
        return out;
    }

    /** @return instances that failed to reach the current version and serve on an older one */
    public long failedToMigrate() {
        Generation current = lineage.current();
        return current == null ? 0 : current.failed();
    }

    /** Runs {@code action} once no live instance remains on a generation of {@code implementation}. */
    public void whenUnused(ServiceReference<?> implementation, Runnable action) {
        expunge();
        retirements.add(new Retirement(implementation, action));
        runDueRetirements();
    }

    private void drained(Generation generation) {
        runDueRetirements();
    }

    private void runDueRetirements() {
        for (Retirement retirement : retirements) {
            boolean unused = generations.stream().filter(g -> g.reference() == retirement.implementation())
                    .allMatch(g -> g.live() == 0 && g != lineage.current());
            if (unused && retirements.remove(retirement)) {
                LOG.info("Unit '{}': no instance lives on {} any more", unit,
                        retirement.implementation().getProperty("liveswap.unit.version") == null
                                ? "bundle " + bundleOf(retirement.implementation())
                                : "version " + retirement.implementation().getProperty("liveswap.unit.version"));
                retirement.action().run();
            }
        }
        forgetEmpty();
    }

    private static String bundleOf(ServiceReference<?> reference) {
        return reference.getBundle() == null ? "(gone)" : reference.getBundle().getSymbolicName();
    }

    /** Drops generations nobody lives on and nobody waits for, so that old factories are not kept. */
    private void forgetEmpty() {
        Generation current = lineage.current();
        generations.removeIf(g -> g != current && g.live() == 0
                && retirements.stream().noneMatch(r -> r.implementation() == g.reference()));
    }

    /** Accounts for the instances collected since the last look. */
    private void expunge() {
        Reference<? extends Instance> gone;
        while ((gone = collected.poll()) != null) {
            Tracked tracked = (Tracked) gone;
            if (live.remove(tracked)) {
                tracked.residence.generation().left();
            }
        }
    }

    /** Forgets every instance (the unit's proxy is going away); the instances themselves keep working. */
    public void clear() {
        live.clear();
        generations.clear();
        retirements.clear();
    }

    @Override
    public String toString() {
        Iterator<Generation> it = new ArrayList<>(generations).iterator();
        StringBuilder out = new StringBuilder("instances of unit '" + unit + "':");
        while (it.hasNext()) {
            Generation g = it.next();
            out.append(' ').append(g.version()).append('=').append(g.live());
        }
        return out.toString();
    }
}
