package io.liveswap.mediator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;

import io.liveswap.spi.UnitControl;

/**
 * One swap per unit at a time, whoever starts it: the per-unit locks shared by the planned path
 * ({@link MediatorImpl}: swaps, updates, migrations) and the plain-OSGi path ({@link UnplannedUpdateMediator}).
 *
 * <p><b>Protocol.</b> Every mediation of a unit (close, drain, transfer, re-point, open) runs holding the unit's
 * lock. A group swap takes its units' locks in name order, so groups cannot deadlock. Lock order: a unit's swap lock
 * before its table entry's monitor (the planned path calls the entry's synchronized methods while holding the
 * lock). The plain path is called by the table on the thread that unregisters or registers an implementation,
 * holding the entry's monitor ({@link UnitControl#monitor()}): it must not block on the lock while holding that monitor, so
 * {@link #lockFromTable} waits on the monitor itself ({@code Object.wait} releases it) until the lock is free, and
 * a planned swap notifies the monitor when it lets the unit go. The locks are re-entrant: a planned swap whose
 * own thread makes an implementation unregister (a {@code retired()} callback stopping its bundle) passes.
 */
@Component(service = SwapLocks.class)
public final class SwapLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Runs {@code swap} holding the locks of every unit given (planned path; no table monitor held). */
    <T> T with(Iterable<? extends UnitControl> units, Supplier<T> swap) {
        Map<String, UnitControl> ordered = new TreeMap<>();
        units.forEach(unit -> ordered.put(unit.unit(), unit));
        List<ReentrantLock> held = new ArrayList<>();
        try {
            for (String unit : ordered.keySet()) {
                ReentrantLock lock = lock(unit);
                lock.lock();
                held.add(lock);
            }
            return swap.get();
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
            ordered.values().forEach(SwapLocks::wakeTable);
        }
    }

    /**
     * Takes a unit's lock for the plain path, called by the table with the unit's entry monitor possibly held (see
     * the protocol above); pair it with {@link #unlock}. Uninterruptible: the bundle event must be mediated.
     */
    void lockFromTable(UnitControl unit) {
        ReentrantLock lock = lock(unit.unit());
        if (lock.tryLock()) {
            return;
        }
        Object monitor = unit.monitor();
        if (!Thread.holdsLock(monitor)) {
            lock.lock();
            return;
        }
        boolean interrupted = false;
        synchronized (monitor) {
            while (!lock.tryLock()) {
                try {
                    monitor.wait(50); // releases the entry for the planned swap; notified when it lets the unit go
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void unlock(UnitControl unit) {
        lock(unit.unit()).unlock();
    }

    private ReentrantLock lock(String unit) {
        return locks.computeIfAbsent(unit, u -> new ReentrantLock());
    }

    private static void wakeTable(UnitControl unit) {
        Object monitor = unit.monitor();
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
