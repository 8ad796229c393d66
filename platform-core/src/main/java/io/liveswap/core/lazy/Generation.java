package io.liveswap.core.lazy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.liveswap.factory.InstanceFactory;
import io.liveswap.spi.InstanceMigration;

/**
 * One version of a multi-instance unit as its instances see it: the factory that makes instances of it, how an
 * instance of an older version moves to it ({@code null} after a re-point without a mediator: instances then stay
 * where they are), and how many live instances are on it.
 */
public final class Generation {

    private static final int FAILURES_KEPT = 10;

    private final ServiceReference<?> reference;
    private final Version version;
    private final InstanceFactory factory;
    private final InstanceMigration migration;
    private final Lineage lineage;
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<String> failures = new ArrayList<>();

    Generation(Lineage lineage, ServiceReference<?> reference, Version version, InstanceFactory factory,
            InstanceMigration migration) {
        this.lineage = lineage;
        this.reference = reference;
        this.version = version;
        this.factory = factory;
        this.migration = migration;
    }

    public ServiceReference<?> reference() {
        return reference;
    }

    public Version version() {
        return version;
    }

    public InstanceFactory factory() {
        return factory;
    }

    InstanceMigration migration() {
        return migration;
    }

    /** Live instances on this version (collected ones leave once the table notices them). */
    public long live() {
        return live.get();
    }

    /** Instances that failed to migrate to this version and stay on an older one. */
    public long failed() {
        return failed.get();
    }

    /** The first failures to migrate to this version, as messages. */
    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    public void arrived() {
        live.incrementAndGet();
    }

    /** One instance left this version (migrated or collected); the last one tells the lineage. */
    public void left() {
        if (live.decrementAndGet() == 0) {
            lineage.drained(this);
        }
    }

    /** @return whether this failure is among the first few, which are kept and logged one by one */
    synchronized boolean failure(String message) {
        failed.incrementAndGet();
        if (failures.size() < FAILURES_KEPT) {
            failures.add(message);
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "version " + version;
    }
}
