package io.liveswap.core.proxy;

import java.util.List;
import java.util.Objects;

import io.liveswap.core.quiescence.CountingGate;

/**
 * Defines one unit's proxy class. Resolves the proxy's references to this package and to the quiescence package
 * from the platform bundle and
 * every other name from the unit's interface loaders (never from an implementation bundle), so the proxy class
 * outlives every implementation version.
 */
public final class ProxyClassLoader extends ClassLoader {

    private final List<ClassLoader> interfaceLoaders;
    private final UnitProxy owner;

    ProxyClassLoader(UnitProxy owner, List<Class<?>> interfaces) {
        super("liveswap-proxy:" + owner.unit(), null);
        this.owner = owner;
        this.interfaceLoaders = interfaces.stream().map(Class::getClassLoader).filter(Objects::nonNull).distinct()
                .toList();
    }

    Class<?> define(String binaryName, byte[] bytes) {
        return defineClass(binaryName, bytes, 0, bytes.length);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(ProxyClassLoader.class.getPackageName() + ".")
                || name.startsWith(CountingGate.class.getPackageName() + ".")
                || name.startsWith(io.liveswap.core.lazy.Instance.class.getPackageName() + ".")) {
            return ProxyClassLoader.class.getClassLoader().loadClass(name);
        }
        for (ClassLoader loader : interfaceLoaders) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException notThere) {
                // try the next interface's loader
            }
        }
        throw new ClassNotFoundException(name);
    }

    /** Called once from the static initialiser of a proxy class: the unit's gate, for its call path's fields. */
    public static Object gate(Class<?> proxyClass) {
        return ((ProxyClassLoader) proxyClass.getClassLoader()).owner.gate();
    }

    /** Called from the generated {@code toString()}. */
    public static String describe(Class<?> proxyClass) {
        return ((ProxyClassLoader) proxyClass.getClassLoader()).owner.toString();
    }
}
