package io.liveswap.core.proxy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.liveswap.core.quiescence.CallPath;
import io.liveswap.core.quiescence.CallPaths;
import io.liveswap.core.quiescence.Gate;
import io.liveswap.core.quiescence.ProxySite;
import io.liveswap.spi.QuiescenceMode;

/**
 * One unit's proxy: its generated class and only instance, its target and its gate. The unit's quiescence mode
 * ({@link CallPath}, from {@link CallPaths}) decides both the gate and the generated call path; this class does not
 * depend on the mode. {@link #retarget} records the target and hands it to the gate, which makes new calls reach it
 * (in counting mode one volatile write; in stack-scan mode a new constant on the gate's call site). Re-points are
 * serialised on this object; calls never lock. Calls already running in the old target finish there: draining them
 * is the gate's and the mediator's job.
 */
public final class UnitProxy implements ProxySite {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String unit;
    private final List<Class<?>> interfaces;
    private final CallPath path;
    private final Gate gate;
    private final String className;
    private final Object proxy;
    private volatile Object target;

    private UnitProxy(String unit, List<Class<?>> interfaces, QuiescenceMode mode) {
        this.unit = unit;
        this.interfaces = List.copyOf(interfaces);
        for (Class<?> iface : interfaces) {
            if (!iface.isInterface() || !Modifier.isPublic(iface.getModifiers())) {
                throw new IllegalArgumentException("Unit '" + unit + "': " + iface.getName()
                        + " is not a public interface; register the implementation under public interfaces only");
            }
        }
        this.path = CallPaths.of(mode);
        this.className = "liveswap.proxy.Unit$" + unit.replaceAll("[^A-Za-z0-9_]", "_") + "$"
                + SEQUENCE.incrementAndGet();
        this.gate = path.gate(unit, this);
        ProxyClassLoader loader = new ProxyClassLoader(this, interfaces);
        Class<?> cls = loader.define(className, ProxyGenerator.generate(className, interfaces, path));
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
        return path.mode();
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
     * @throws IllegalArgumentException if the unit's mode cannot serve instances (stack-scan), or if a type is
     *         not a public interface
     */
    public MethodHandle instanceProxyConstructor(List<Class<?>> types) {
        if (!path.servesInstances()) {
            throw new IllegalArgumentException("Unit '" + unit + "' is a multi-instance unit: use the default"
                    + " counting quiescence (" + path.mode().label() + " cannot tell calls on its instances apart)");
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
        Class<?> cls = loader.define(name, ProxyGenerator.generateInstance(name, types, path));
        try {
            return MethodHandles.publicLookup().findConstructor(cls,
                    MethodType.methodType(void.class, io.liveswap.core.lazy.Instance.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot find the generated instance proxy of unit '" + unit + "'", e);
        }
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
        gate.unavailableBecause(null);
        gate.retarget(implementation);
    }

    /**
     * Makes calls fail fast with {@code UnitUnavailableException} until the next {@link #retarget}.
     *
     * @param why the exception's message, or {@code null} for the usual one (no implementation registered)
     */
    public synchronized void retargetUnavailable(String why) {
        target = null;
        gate.unavailableBecause(why);
        gate.retarget(null);
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
