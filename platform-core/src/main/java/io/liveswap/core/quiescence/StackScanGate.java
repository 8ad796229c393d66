package io.liveswap.core.quiescence;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.liveswap.api.UnitUnavailableException;

/**
 * The zero-cost gate: nothing on the call path; quiescence is read from thread stacks during a swap.
 *
 * <p><b>Call site.</b> The gate owns the unit's {@link MutableCallSite}, whose static-final invoker the generated
 * proxy class holds ({@link #invoker()}), so compiled callers treat the site's target (a constant holding the
 * implementation) as a constant and inline the implementation. {@link #retarget} sets a new constant and calls
 * {@link MutableCallSite#syncAll}, after which every thread's next call reaches the new target; compiled code that
 * inlined the old one is deoptimised by the JVM. While the gate is closed (the site diverted to the blocker),
 * {@link #retarget} changes nothing and {@link #open} installs the proxy's current target. Site changes are
 * serialised on this object; calls never lock.
 *
 * <p><b>Protocol.</b> {@link #close} points the proxy's call site at a blocker and calls
 * {@code MutableCallSite.syncAll}: from then on a call that reaches the call site waits in
 * {@link #awaitTarget()}. A call that read the site earlier is still in a frame of the proxy class (HotSpot
 * stack traces include inlined frames) or of the implementation class. {@link #awaitQuiescence} repeats
 * {@link Thread#getAllStackTraces()} until no thread has a frame of the proxy class except the one frame of a call
 * waiting in the blocker, and no frame of the implementation's class. {@link #open} restores the call site to the new
 * target before it clears {@code closed} and unparks the waiters, which then return the new target.
 *
 * <p><b>Limits.</b> This rests on HotSpot's safepoints, not on the Java memory model; virtual threads do not
 * appear in {@code getAllStackTraces} (the mode is refused on Java 21+); each scan stops the JVM for about a
 * microsecond per live frame; an implementation that runs its own threads or leaked {@code this} keeps the unit
 * busy (conservatively) while such a frame is on a stack. A call from a thread already inside the unit (or another
 * unit of the swap group) passes through to the old target instead of waiting.
 */
public final class StackScanGate extends AbstractGate {

    private static final MethodHandle AWAIT_TARGET;

    static {
        try {
            AWAIT_TARGET = MethodHandles.lookup().findVirtual(StackScanGate.class, "awaitTarget",
                    MethodType.methodType(Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final String AWAIT_METHOD = "awaitTarget";

    private final ProxySite site;
    private final MutableCallSite callSite = new MutableCallSite(MethodType.methodType(Object.class));
    private final MethodHandle unavailable;
    private boolean diverted; // guarded by this
    private volatile String implementationClass;
    private Map<Thread, StackTraceElement[]> lastScan = Map.of();

    public StackScanGate(String unit, ProxySite site) {
        super(unit);
        this.site = site;
        this.unavailable = unavailableHandle();
        callSite.setTarget(unavailable);
    }

    /** Called once from the generated proxy class's static initialiser: the invoker of the unit's call site. */
    public MethodHandle invoker() {
        return callSite.dynamicInvoker();
    }

    @Override
    public synchronized void retarget(Object implementation) {
        if (!diverted) {
            setSite(handleFor(implementation));
        }
    }

    private synchronized void divert(MethodHandle blocker) {
        diverted = true;
        setSite(blocker);
    }

    private synchronized void restore() {
        diverted = false;
        setSite(handleFor(site.target()));
    }

    private MethodHandle handleFor(Object implementation) {
        return implementation == null ? unavailable : MethodHandles.constant(Object.class, implementation);
    }

    private void setSite(MethodHandle handle) {
        callSite.setTarget(handle);
        MutableCallSite.syncAll(new MutableCallSite[] {callSite});
    }

    /** The site's target while the unit has no implementation: throws with the gate's current reason. */
    private MethodHandle unavailableHandle() {
        try {
            return MethodHandles.lookup().findVirtual(StackScanGate.class, "failUnavailable",
                    MethodType.methodType(Object.class)).bindTo(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object failUnavailable() {
        throw unavailableException();
    }

    /** The blocker every call reaches while the gate is closed. */
    Object awaitTarget() {
        if (closed && (isNested() || insideGroup())) {
            return targetOrFail();
        }
        waiters.await(() -> closed, waitLimitNanos);
        return targetOrFail();
    }

    private Object targetOrFail() {
        Object target = site.target();
        if (target == null) {
            throw unavailableException();
        }
        return target;
    }

    /** Whether the calling thread was inside the unit before the call now in the blocker. */
    private boolean isNested() {
        String proxy = site.proxyClassName();
        return StackWalker.getInstance().walk(frames -> frames.filter(f -> f.getClassName().equals(proxy))
                .limit(2).count()) > 1;
    }

    @Override
    public boolean isInside() {
        String proxy = site.proxyClassName();
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().equals(proxy)));
    }

    @Override
    public void close(List<Gate> group, long waitLimitNanos) {
        Object target = site.target();
        this.implementationClass = target == null ? null : target.getClass().getName();
        super.close(group, waitLimitNanos);
        divert(AWAIT_TARGET.bindTo(this));
    }

    @Override
    List<Thread> holders() {
        Map<Thread, StackTraceElement[]> stacks = Thread.getAllStackTraces();
        stacks.keySet().removeIf(thread -> thread == Thread.currentThread() || !holds(stacks.get(thread)));
        lastScan = stacks;
        return new ArrayList<>(stacks.keySet());
    }

    @Override
    String describe(Thread holder) {
        StackTraceElement[] stack = lastScan.get(holder);
        return Holders.describe(holder, stack == null ? holder.getStackTrace() : stack);
    }

    /** Whether a stack (top frame first) is inside the unit, rather than outside it or waiting in the blocker. */
    private boolean holds(StackTraceElement[] stack) {
        String proxy = site.proxyClassName();
        String impl = implementationClass;
        boolean waitingAtTop = false;
        int proxyFrames = 0;
        for (StackTraceElement frame : stack) {
            String cls = frame.getClassName();
            if (cls.equals(impl)) {
                return true;
            }
            if (cls.equals(StackScanGate.class.getName()) && frame.getMethodName().equals(AWAIT_METHOD)
                    && proxyFrames == 0) {
                waitingAtTop = true;
            }
            if (cls.equals(proxy)) {
                proxyFrames++;
            }
        }
        return proxyFrames > (waitingAtTop ? 1 : 0);
    }

    /** Nothing on the call path, so nothing is counted. */
    @Override
    public long calls() {
        return -1;
    }

    /** Nothing on the call path, so nothing is counted. */
    @Override
    public long thrown() {
        return -1;
    }

    @Override
    public void open() {
        restore();
        release();
    }
}
