package io.liveswap.core.proxy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.liveswap.api.UnitUnavailableException;

/**
 * One unit's proxy and the call site it dispatches through.
 *
 * <p>Protocol: the generated class holds {@code site.dynamicInvoker()} in a static-final field, so compiled callers
 * treat the site's target (a constant holding the implementation) as a constant and inline the implementation.
 * {@link #retarget} sets a new constant and calls {@link MutableCallSite#syncAll}, after which every thread's next
 * call reaches the new target; compiled code that inlined the old one is deoptimised by the JVM. Retargeting is
 * serialised by the caller (the translation table); calls never lock. Calls already running in the old target
 * finish there: draining them is the mediator's job.
 */
public final class UnitProxy {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String unit;
    private final List<Class<?>> interfaces;
    private final MutableCallSite site = new MutableCallSite(MethodType.methodType(Object.class));
    private final Object proxy;
    private volatile Object target;

    private UnitProxy(String unit, List<Class<?>> interfaces) {
        this.unit = unit;
        this.interfaces = List.copyOf(interfaces);
        for (Class<?> iface : interfaces) {
            if (!iface.isInterface() || !Modifier.isPublic(iface.getModifiers())) {
                throw new IllegalArgumentException("Unit '" + unit + "': " + iface.getName()
                        + " is not a public interface; register the implementation under public interfaces only");
            }
        }
        site.setTarget(unavailable(unit));
        String name = "liveswap.proxy.Unit$" + unit.replaceAll("[^A-Za-z0-9_]", "_") + "$"
                + SEQUENCE.incrementAndGet();
        ProxyClassLoader loader = new ProxyClassLoader(this, interfaces);
        Class<?> cls = loader.define(name, ProxyGenerator.generate(name, interfaces));
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
     */
    public static UnitProxy create(String unit, List<Class<?>> interfaces) {
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("Unit '" + unit + "' names no service interface");
        }
        return new UnitProxy(unit, interfaces);
    }

    public String unit() {
        return unit;
    }

    public List<Class<?>> interfaces() {
        return interfaces;
    }

    /** The proxy object consumers hold: an instance of every interface of the unit. */
    public Object proxy() {
        return proxy;
    }

    /** The current implementation, or {@code null} while the unit is unavailable. */
    public Object target() {
        return target;
    }

    MethodHandle invoker() {
        return site.dynamicInvoker();
    }

    /**
     * Points the proxy at a new implementation. On return every thread's next call through the proxy reaches it.
     *
     * @throws IllegalArgumentException if the implementation does not implement every interface of the unit
     */
    public void retarget(Object implementation) {
        for (Class<?> iface : interfaces) {
            if (!iface.isInstance(implementation)) {
                throw new IllegalArgumentException("Unit '" + unit + "': " + implementation.getClass().getName()
                        + " does not implement " + iface.getName() + " as loaded by the unit's proxy"
                        + " (is it wired to another copy of the API package?)");
            }
        }
        setTarget(MethodHandles.constant(Object.class, implementation));
        target = implementation;
    }

    /** Makes calls fail fast with {@link UnitUnavailableException} until the next {@link #retarget}. */
    public void retargetUnavailable() {
        setTarget(unavailable(unit));
        target = null;
    }

    private void setTarget(MethodHandle handle) {
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
