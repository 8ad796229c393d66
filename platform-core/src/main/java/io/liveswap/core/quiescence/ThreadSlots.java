package io.liveswap.core.quiescence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.liveswap.core.quiescence.CountingGate.Slot;

/**
 * The slots of one {@link CountingGate}: one per thread that called the unit, platform or virtual.
 *
 * <p><b>Finding a thread's slot.</b> The {@code ThreadLocal} is the one source of truth (it makes at most one slot per
 * thread). A table indexed by thread id ({@code CountingGate.byThreadId}, read by the gate's call path) caches slots
 * in front of it (two loads and a compare; a {@code ThreadLocal}
 * lookup inlined in hot callers deoptimises when a second thread's lookup misses its first probe). Only a thread
 * stores its own slot into the table, in place (one compare-and-set, no copy of the table, so a million short-lived
 * virtual threads cost a million single stores); the table is only a cache, so a store lost to a concurrent resize
 * or a thread that collides with a live one costs a {@code ThreadLocal} lookup, nothing else. A reader trusts an
 * entry only if its (final) thread id is the reader's own.
 *
 * <p><b>Registry.</b> Every slot is added to the registry (a volatile write) before its first mark, which
 * {@link CountingGate} relies on; the mediator reads the registry with volatile loads. Slots of ended threads are
 * dropped by a sweep that the registering thread runs once as many slots were registered since the last sweep as
 * were left by it (at least {@value #SWEEP_MIN}): each registration pays for about two slots' visits, and the
 * registry holds at most about twice the slots of live threads (plus {@value #SWEEP_MIN}), with or without swaps.
 * One sweep runs at a time; a thread that ended holds nothing, so dropping its slot is safe whatever its mark.
 */
final class ThreadSlots {

    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(Slot[].class);
    private static final int MAX_TABLE = 1 << 12;
    static final int SWEEP_MIN = 1 << 10;

    private final ThreadLocal<Slot> local = ThreadLocal.withInitial(this::register);
    private final Queue<Slot> registry = new ConcurrentLinkedQueue<>();
    private final CountingGate gate; // holds the cache table, byThreadId, that its call path reads
    private final AtomicInteger sinceSweep = new AtomicInteger();
    private volatile int sweepAfter = SWEEP_MIN;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicLong droppedCalls = new AtomicLong(); // calls of the slots dropped so far
    private final AtomicLong droppedThrown = new AtomicLong(); // exceptions of the slots dropped so far

    ThreadSlots(CountingGate gate) {
        this.gate = gate;
    }

    /** The calling thread's slot when the gate's table has not cached it: registers one on the first call. */
    Slot current() {
        Slot slot = local.get();
        cache(slot);
        return slot;
    }

    private Slot register() {
        Slot slot = new Slot(Thread.currentThread());
        registry.add(slot);
        if (sinceSweep.incrementAndGet() >= sweepAfter && sweeping.compareAndSet(false, true)) {
            try {
                sweep();
            } finally {
                sweeping.set(false);
            }
        }
        return slot;
    }

    /** Drops the slots of ended threads, counting their calls; sets when to sweep next. */
    private void sweep() {
        int kept = 0;
        for (Iterator<Slot> it = registry.iterator(); it.hasNext();) {
            Slot slot = it.next();
            if (slot.isAlive()) {
                kept++;
            } else {
                it.remove();
                droppedCalls.addAndGet(slot.calls);
                droppedThrown.addAndGet(slot.thrown);
            }
        }
        sinceSweep.set(0);
        sweepAfter = Math.max(SWEEP_MIN, kept);
    }

    /** Caches the calling thread's own slot: replaces an empty entry or a dead thread's, else grows the table. */
    private void cache(Slot slot) {
        Slot[] table = gate.byThreadId;
        while (true) {
            int index = (int) slot.threadId & (table.length - 1);
            Slot there = (Slot) ENTRY.getVolatile(table, index);
            if (there == null || there == slot || !there.isAlive()) {
                ENTRY.compareAndSet(table, index, there, slot); // lost to another thread: it stays uncached
                return;
            }
            if (table.length >= MAX_TABLE) {
                return; // colliding with a live thread: this one keeps using the ThreadLocal
            }
            table = grow(table);
        }
    }

    private synchronized Slot[] grow(Slot[] seen) {
        Slot[] table = gate.byThreadId;
        if (table != seen) {
            return table; // another thread grew it
        }
        Slot[] bigger = new Slot[table.length * 2];
        for (int i = 0; i < table.length; i++) {
            Slot slot = (Slot) ENTRY.getVolatile(table, i);
            if (slot != null && slot.isAlive()) {
                bigger[(int) slot.threadId & (bigger.length - 1)] = slot;
            }
        }
        gate.byThreadId = bigger;
        return bigger;
    }

    /** The live threads whose slot is marked: inside the unit. */
    List<Thread> marked() {
        List<Thread> holders = new ArrayList<>(2);
        for (Slot slot : registry) {
            if (slot.depth() != 0) {
                Thread owner = slot.owner.get();
                if (owner != null && owner.isAlive()) {
                    holders.add(owner);
                }
            }
        }
        return holders;
    }

    /** Calls made so far, summed over the slots (approximate while calls run). */
    long calls() {
        long calls = droppedCalls.get();
        for (Slot slot : registry) {
            calls += slot.calls;
        }
        return calls;
    }

    /** Exceptions thrown through the proxy so far, summed over the slots (approximate while calls run). */
    long thrown() {
        long thrown = droppedThrown.get();
        for (Slot slot : registry) {
            thrown += slot.thrown;
        }
        return thrown;
    }

    /** The slots in the registry now (a full walk: for tests and measurements). */
    int size() {
        int size = 0;
        for (Iterator<Slot> it = registry.iterator(); it.hasNext(); it.next()) {
            size++;
        }
        return size;
    }
}
