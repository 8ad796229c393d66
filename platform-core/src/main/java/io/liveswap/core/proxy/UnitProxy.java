package io.liveswap.core.proxy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.liveswap.api.UnitUnavailableException;
import io.liveswap.core.quiescence.CountingGate;
import io.liveswap.core.quiescence.Gate;
import io.liveswap.core.quiescence.ProxySite;
import io.liveswap.core.quiescence.StackScanGate;
import io.liveswap.spi.QuiescenceMode;

/**
 * One unit's proxy, the call site it dispatches through and its gate.
 *
 * <p>In {@link QuiescenceMode#COUNTING} mode calls read the target from the {@link CountingGate} (a volatile field)
 * and {@link #retarget} is one volatile write. In {@link QuiescenceMode#STACK_SCAN} mode the generated class holds
 * {@code site.dynamicInvoker()} in a static-final field, so compiled callers
 * treat the site's target (a constant holding the implementation) as a constant and inline the implementation.
 * {@link #retarget} sets a new constant and calls {@link MutableCallSite#syncAll}, after which every thread's next
 * call reaches the new target; compiled code that inlined the old one is deoptimised by the JVM. While a
 * {@link StackScanGate} has diverted the site to its blocker, {@link #retarget} only records the target and the
 * gate's {@code open()} installs it. Site changes are serialised on this object; calls never lock. Calls already
 * running in the old target finish there: draining them is the gate's and the mediator's job.
 */
public final class UnitProxy implements ProxySite {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String unit;
    private final List<Class<?>> interfaces;
    private final QuiescenceMode mode;
    private final MutableCallSite site = new MutableCallSite(MethodType.methodType(Object.class));
    private final Gate gate;
    private final String className;
    private final Object proxy;
    private volatile Object target;
    private boolean diverted;

    private UnitProxy(String unit, List<Class<?>> interfaces, QuiescenceMode mode) {
        this.unit = unit;
        this.interfaces = List.copyOf(interfaces);
        this.mode = mode;
        for (Class<?> iface : interfaces) {
            if (!iface.isInterface() || !Modifier.isPublic(iface.getModifiers())) {
                throw new IllegalArgumentException("Unit '" + unit + "': " + iface.getName()
                        + " is not a public interface; register the implementation under public interfaces only");
            }
        }
        if (mode == QuiescenceMode.STACK_SCAN && Runtime.version().feature() >= 21
                && !Boolean.getBoolean("liveswap.stackscan.noVirtualThreads")) {
            throw new IllegalArgumentException("Unit '" + unit + "': stack-scan quiescence cannot see virtual"
                    + " threads, which this Java " + Runtime.version().feature() + " has; use the default counting"
                    + " mode, or set -Dliveswap.stackscan.noVirtualThreads=true if no virtual thread calls units");
        }
        this.gate = mode == QuiescenceMode.COUNTING ? new CountingGate(unit) : new StackScanGate(unit, this);
        site.setTarget(unavailable(unit));
        this.className = "liveswap.proxy.Unit$" + unit.replaceAll("[^A-Za-z0-9_]", "_") + "$"
                + SEQUENCE.incrementAndGet();
        ProxyClassLoader loader = new ProxyClassLoader(this, interfaces);
        Class<?> cls = loader.define(className, ProxyGenerator.generate(className, interfaces, mode));
        try {
            this.proxy = cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot instantiate the generated proxy of unit '" + unit + "'", e);
        }
    }

    /**
     * Generates the proxy class of a unit and makes its one instance, initially without a target.
     *
     * @param unit the unit name, used in messages and in the proxy class name
     * @param interfaces public interfaces the proxy implements; at least one
     * @param mode how the unit's gate detects quiescence; decides the generated call path
     */
    public static UnitProxy create(String unit, List<Class<?>> interfaces, QuiescenceMode mode) {
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("Unit '" + unit + "' names no service interface");
        }
        return new UnitProxy(unit, interfaces, mode);
    }

    /** A proxy in the default {@link QuiescenceMode#COUNTING} mode. */
    public static UnitProxy create(String unit, List<Class<?>> interfaces) {
        return create(unit, interfaces, QuiescenceMode.COUNTING);
    }

    public String unit() {
        return unit;
    }

    /** The methods a proxy of {@code interfaces} forwards: public, non-static, one per name and descriptor. */
    public static List<java.lang.reflect.Method> forwardedMethods(List<Class<?>> interfaces) {
        return ProxyGenerator.forwardedMethods(interfaces);
    }

    public List<Class<?>> interfaces() {
        return interfaces;
    }

    public QuiescenceMode mode() {
        return mode;
    }

    /** The unit's gate: closed by mediators around a swap. */
    public Gate gate() {
        return gate;
    }

    /** The proxy object consumers hold: an instance of every interface of the unit. */
    public Object proxy() {
        return proxy;
    }

    @Override
    public Object target() {
        return target;
    }

    @Override
    public String proxyClassName() {
        return className;
    }

    /**
     * Generates the class of this unit's instance proxies (for a multi-instance unit, whose proxy serves its
     * factory): each instance's calls pass this unit's gate and go to its {@link io.liveswap.core.lazy.Instance}
     * handle's target.
     *
     * @param types the public interfaces instances implement
     * @return the constructor taking the instance handle
     * @throws IllegalArgumentException in stack-scan mode, or if a type is not a public interface
     */
    public MethodHandle instanceProxyConstructor(List<Class<?>> types) {
        if (mode != QuiescenceMode.COUNTING) {
            throw new IllegalArgumentException("Unit '" + unit + "' is a multi-instance unit: use the default"
                    + " counting quiescence (stack-scan cannot tell calls on its instances apart)");
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("Unit '" + unit + "': its factory names no instance type");
        }
        for (Class<?> type : types) {
            if (!type.isInterface() || !Modifier.isPublic(type.getModifiers())) {
                throw new IllegalArgumentException("Unit '" + unit + "': instance type " + type.getName()
                        + " is not a public interface; instanceTypes() must list public interfaces only");
            }
        }
        String name = className.replace("liveswap.proxy.Unit$", "liveswap.proxy.Instance$");
        ProxyClassLoader loader = new ProxyClassLoader(this, types);
        Class<?> cls = loader.define(name, ProxyGenerator.generateInstance(name, types));
        try {
            return MethodHandles.publicLookup().findConstructor(cls,
                    MethodType.methodType(void.class, io.liveswap.core.lazy.Instance.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot find the generated instance proxy of unit '" + unit + "'", e);
        }
    }

    /** The invoker of the unit's call site (stack-scan mode). */
    MethodHandle invoker() {
        return site.dynamicInvoker();
    }

    /**
     * Points the proxy at a new implementation. On return every thread's next call through the proxy reaches it
     * (once the gate is open).
     *
     * @throws IllegalArgumentException if the implementation does not implement every interface of the unit
     */
    public synchronized void retarget(Object implementation) {
        for (Class<?> iface : interfaces) {
            if (!iface.isInstance(implementation)) {
                throw new IllegalArgumentException("Unit '" + unit + "': " + implementation.getClass().getName()
                        + " does not implement " + iface.getName() + " as loaded by the unit's proxy"
                        + " (is it wired to another copy of the API package?)");
            }
        }
        target = implementation;
        if (gate instanceof CountingGate counting) {
            counting.target(implementation);
        } else if (!diverted) {
            setSite(handleFor(implementation));
        }
    }

    /** Makes calls fail fast with {@link UnitUnavailableException} until the next {@link #retarget}. */
    public synchronized void retargetUnavailable() {
        target = null;
        if (gate instanceof CountingGate counting) {
            counting.target(null);
        } else if (!diverted) {
            setSite(unavailable(unit));
        }
    }

    @Override
    public synchronized void divert(MethodHandle blocker) {
        diverted = true;
        setSite(blocker);
    }

    @Override
    public synchronized void restore() {
        diverted = false;
        setSite(handleFor(target));
    }

    private MethodHandle handleFor(Object implementation) {
        return implementation == null ? unavailable(unit) : MethodHandles.constant(Object.class, implementation);
    }

    private void setSite(MethodHandle handle) {
        site.setTarget(handle);
        MutableCallSite.syncAll(new MutableCallSite[] {site});
    }

    private static MethodHandle unavailable(String unit) {
        try {
            MethodHandle ctor = MethodHandles.publicLookup().findConstructor(UnitUnavailableException.class,
                    MethodType.methodType(void.class, String.class, String.class));
            MethodHandle make = MethodHandles.insertArguments(ctor, 0, unit, "Unit '" + unit
                    + "' has no implementation: its bundle was stopped or uninstalled and none replaced it."
                    + " Start or install an implementation bundle of the unit.");
            return MethodHandles.filterReturnValue(make,
                    MethodHandles.throwException(Object.class, UnitUnavailableException.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        Object current = target;
        return "LiveswapProxy[unit=" + unit + ", target="
                + (current == null ? "unavailable" : current.getClass().getName() + "@"
                        + Integer.toHexString(System.identityHashCode(current)))
                + "]";
    }
}
