package io.liveswap.core.table;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.liveswap.core.factory.InstanceTable;
import io.liveswap.core.quiescence.Gate;
import io.liveswap.spi.InstanceMigration;
import io.liveswap.spi.QuiescenceMode;
import io.liveswap.spi.QuiescenceTimeoutException;
import io.liveswap.spi.UnitControl;

/**
 * One unit's {@link UnitControl}, the SPI the mediators drive: the gates of the unit's faces, re-pointing its row
 * ({@link UnitEntry}), its instances, and what a swap reports back (state carried, times).
 *
 * <p><b>Threading.</b> Gate operations ({@link #close}, {@link #awaitQuiescence}, {@link #open}) take no table
 * lock, so a mediator waiting for quiescence never holds up the table; re-points and queries of registered
 * implementations lock the row. The mediators serialise swaps per unit (see {@link UnitControl}).
 */
final class UnitControlImpl implements UnitControl {

    private final UnitEntry entry;
    private final SwapTimes swapTimes = new SwapTimes();

    UnitControlImpl(UnitEntry entry) {
        this.entry = entry;
    }

    @Override
    public String unit() {
        return entry.name();
    }

    @Override
    public QuiescenceMode mode() {
        return entry.proxy().mode();
    }

    @Override
    public Version version() {
        Implementation impl = entry.last();
        return impl == null ? Version.emptyVersion : impl.version();
    }

    @Override
    public ServiceReference<?> implementationReference() {
        Implementation impl = entry.current();
        return impl == null ? null : impl.reference();
    }

    @Override
    public Object implementation() {
        Implementation impl = entry.current();
        return impl == null ? null : impl.service();
    }

    @Override
    public Object implementation(ServiceReference<?> reference) {
        return entry.implementation(reference);
    }

    @Override
    public Version versionOf(ServiceReference<?> reference) {
        return Implementation.versionOf(reference);
    }

    @Override
    public Collection<ServiceReference<?>> candidates() {
        return entry.candidates();
    }

    @Override
    public void close(Collection<? extends UnitControl> swappedTogether, Duration waitLimit) {
        List<Gate> group = new ArrayList<>();
        for (UnitControl unit : swappedTogether) {
            ((UnitControlImpl) unit).entry.faces().gates(group);
        }
        entry.faces().close(group, System.nanoTime() + waitLimit.toNanos());
    }

    @Override
    public void awaitQuiescence(Duration timeout) throws QuiescenceTimeoutException, InterruptedException {
        entry.faces().awaitQuiescence(System.nanoTime() + timeout.toNanos());
    }

    @Override
    public void repoint(ServiceReference<?> reference) {
        entry.repoint(reference); // published by open(), after the pause
    }

    @Override
    public Migrated repoint(ServiceReference<?> reference, InstanceMigration migration, boolean eager) {
        return entry.repoint(reference, migration, eager);
    }

    @Override
    public Migrated migrateRemaining() {
        return instances().migrateRemaining();
    }

    private InstanceTable instances() {
        InstanceTable table = entry.instances();
        if (table == null) {
            throw new IllegalStateException("Unit '" + entry.name() + "' is not a multi-instance unit");
        }
        return table;
    }

    @Override
    public boolean multiInstance() {
        return entry.instances() != null;
    }

    @Override
    public void whenUnused(ServiceReference<?> implementation, Runnable action) {
        InstanceTable table = entry.instances();
        if (table == null) {
            action.run();
        } else {
            table.whenUnused(implementation, action);
        }
    }

    @Override
    public void stateCarried(long values) {
        entry.stateCarried(values);
    }

    @Override
    public void recordSwap(long pauseNanos, long drainNanos, long transferNanos) {
        swapTimes.record(pauseNanos, drainNanos, transferNanos);
    }

    @Override
    public Object monitor() {
        return entry; // UnitEntry's methods are synchronized
    }

    @Override
    public void outOfService(String why) {
        entry.outOfService(why);
    }

    @Override
    public void open() {
        entry.faces().open();
        entry.published();
    }

    SwapTimes swapTimes() {
        return swapTimes;
    }

    @Override
    public String toString() {
        return entry.toString();
    }
}
