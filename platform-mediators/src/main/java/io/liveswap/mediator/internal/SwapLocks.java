package io.liveswap.mediator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** Serialises swaps per unit; a group swap takes its units' locks in name order, so groups cannot deadlock. */
final class SwapLocks {

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Runs {@code swap} holding the locks of every unit named. */
    <T> T with(Iterable<String> units, java.util.function.Supplier<T> swap) {
        List<ReentrantLock> held = new ArrayList<>();
        try {
            TreeSet<String> ordered = new TreeSet<>();
            units.forEach(ordered::add);
            for (String unit : ordered) {
                ReentrantLock lock = locks.computeIfAbsent(unit, u -> new ReentrantLock());
                lock.lock();
                held.add(lock);
            }
            return swap.get();
        } finally {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
        }
    }
}
