package io.liveswap.core.quiescence;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.List;

import io.liveswap.api.UnitUnavailableException;

/**
 * The default gate: a padded slot per thread and unit, marked on every call, and the unit's current target, read
 * with one volatile load per call (re-pointing is a volatile store: no deoptimisation, cheap enough to swap every
 * millisecond).
 *
 * <p><b>Protocol</b> (Dekker-style; all marked accesses are volatile, so they are totally ordered):
 * <pre>
 * caller:   slot.depth = 1 (volatile store)  ;  if (closed) (volatile load) { slot.depth = 0; wait; retry }
 *           ... call the target ...          ;  slot.depth = 0 (release store)
 * mediator: closed = true (volatile store)   ;  wait until every registered slot reads depth == 0 (volatile)
 * </pre>
 * Either the caller's load sees {@code closed} (it backs off before touching the target) or the mediator's load of
 * that slot comes after the caller's store and sees it, so the mediator waits for the call to return. A slot is
 * registered (a volatile write to the registry) before its first store, so a mediator whose scan missed a new slot
 * closed the gate before that thread's first load of {@code closed}. The release store on exit, read by the
 * mediator's volatile load, makes everything the call did visible to the state export that follows. A thread whose
 * slot is already marked (a re-entrant call) passes straight through, as does a thread inside another unit of the
 * same swap group, because the swap cannot finish before those calls return. A thread that ended holds nothing: its
 * slot is no holder and is dropped by the registry's next sweep ({@link ThreadSlots}), so short-lived (virtual)
 * threads leave no slots behind.
 */
public final class CountingGate extends AbstractGate {

    private static final VarHandle DEPTH;

    static {
        try {
            DEPTH = MethodHandles.lookup().findVarHandle(Slot.class, "depth", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The cache of slots by thread id that {@link #slot()} reads: kept here, not in {@link ThreadSlots}, so that a
     * call costs one load fewer (the proxy's gate is a constant; a field of another object would be one more
     * dependent load on every call). Only {@link ThreadSlots} writes it.
     */
    volatile Slot[] byThreadId = new Slot[16];
    private final ThreadSlots slots = new ThreadSlots(this);
    private volatile Object target;

    public CountingGate(String unit) {
        super(unit);
    }

    /**
     * The implementation calls go to. Called by proxies between {@link #enter()} and {@link Slot#exit()}: a caller
     * that passed the open gate reads the target the mediator wrote before opening it.
     *
     * @throws UnitUnavailableException while the unit has no implementation
     */
    public Object target() {
        Object current = target;
        if (current == null) {
            throw unavailableException();
        }
        return current;
    }

    /** One volatile write. */
    @Override
    public void retarget(Object implementation) {
        target = implementation;
    }

    /** Marks the calling thread inside the unit; waits first while the gate is closed. Called by proxies. */
    public Slot enter() {
        Slot slot = slot();
        int depth = slot.depth;
        slot.calls++; // plain: only this thread writes it; readers sum an approximate count
        if (depth > 0) {
            slot.depth = depth + 1; // re-entrant: already counted, the mediator is waiting for this thread
            return slot;
        }
        DEPTH.setVolatile(slot, 1);
        if (closed) {
            blocked(slot);
        }
        return slot;
    }

    private void blocked(Slot slot) {
        while (closed) {
            if (insideGroup()) {
                return;
            }
            DEPTH.setRelease(slot, 0);
            waiters.await(() -> closed, waitLimitNanos); // if this throws, the slot stays clear
            DEPTH.setVolatile(slot, 1);
        }
    }

    /** The calling thread's slot: two loads and a compare, else {@link ThreadSlots} finds or registers it. */
    private Slot slot() {
        long id = Thread.currentThread().getId();
        Slot[] table = byThreadId;
        Slot slot = table[(int) id & (table.length - 1)];
        if (slot != null && slot.threadId == id) {
            return slot;
        }
        return slots.current();
    }

    @Override
    public boolean isInside() {
        return slot().depth > 0;
    }

    @Override
    List<Thread> holders() {
        return slots.marked();
    }

    @Override
    String describe(Thread holder) {
        return Holders.describe(holder, holder.getStackTrace());
    }

    @Override
    public void open() {
        release();
    }

    /** Calls made through the proxy so far, summed over the threads' slots (approximate while calls run). */
    @Override
    public long calls() {
        return slots.calls();
    }

    /** Exceptions thrown through the proxy so far, summed over the threads' slots (approximate while calls run). */
    @Override
    public long thrown() {
        return slots.thrown();
    }

    /** The slots registered now (a full walk: for tests and measurements). */
    int registeredSlots() {
        return slots.size();
    }

    abstract static class Padding {
        long p01, p02, p03, p04, p05, p06, p07, p08;
    }

    abstract static class Depth extends Padding {
        int depth;
    }

    /** One thread's mark for one unit, padded against false sharing with other threads' slots. */
    public static final class Slot extends Depth {
        long q01, q02, q03, q04, q05, q06, q07, q08;
        final WeakReference<Thread> owner;
        final long threadId;
        long calls;
        long thrown;

        Slot(Thread owner) {
            this.owner = new WeakReference<>(owner);
            this.threadId = owner.getId();
        }

        boolean isAlive() {
            Thread thread = owner.get();
            return thread != null && thread.isAlive();
        }

        int depth() {
            return (int) DEPTH.getVolatile(this);
        }

        /**
         * Counts an exception thrown through the proxy, unless it is the gate's own (the unit had no target). Called
         * by proxies from their exception handler only, before {@link #exit()}: nothing on the path of a call that
         * returns normally. Plain increment: only this thread writes it; readers sum an approximate count, and the
         * release store of {@link #exit()} publishes it to the mediator that drains the unit.
         */
        public void threw(Throwable thrown) {
            if (!(thrown instanceof UnitUnavailableException)) {
                this.thrown++;
            }
        }

        /** Marks the end of the call. Called by proxies, from a {@code finally}. */
        public void exit() {
            DEPTH.setRelease(this, depth - 1);
        }
    }
}
