package io.liveswap.core.interposition;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.liveswap.core.generation.FrontLoader;
import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.interpose.UnitInterceptor;

/**
 * Puts a chain of interceptors in front of an implementation: an object implementing the unit's interfaces whose
 * calls run the interceptors that apply to the method, in order, then the implementation; methods no interceptor
 * applies to call the implementation directly. The unit's proxy points at it instead of the implementation;
 * {@code equals}, {@code hashCode} and {@code toString} reach the implementation directly. Where the implementation
 * returns itself it returns itself, so that the unit's proxy recognises its target and hands back the proxy. The
 * classes are generated ({@link InterposerGenerator}: the interposer and one call class per method) once per set
 * of interfaces ({@link #front}); the target and the
 * chains are the instance's.
 */
public final class Interposer {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** One interceptor, and the method names it applies to (empty: all). */
    public record Interception(UnitInterceptor interceptor, Set<String> methods) {
        boolean appliesTo(Method method) {
            return methods.isEmpty() || methods.contains(method.getName());
        }
    }

    /** A generated interposer class for one set of interfaces. */
    public static final class Front {

        private final String unit;
        private final Method[] methods;
        private final MethodHandle constructor;

        private Front(String unit, Method[] methods, MethodHandle constructor) {
            this.unit = unit;
            this.methods = methods;
            this.constructor = constructor;
        }

        /** An interposer running {@code chain} (those of its interceptors that apply) in front of {@code target}. */
        public Object make(Object target, List<Interception> chain) {
            UnitInterceptor[][] chains = new UnitInterceptor[methods.length][];
            for (int i = 0; i < methods.length; i++) {
                Method method = methods[i];
                UnitInterceptor[] applying = chain.stream().filter(c -> c.appliesTo(method))
                        .map(Interception::interceptor).toArray(UnitInterceptor[]::new);
                chains[i] = applying.length == 0 ? null : applying;
            }
            try {
                return constructor.invoke(target, unit, methods, chains);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot make an interposer of unit '" + unit + "'", e);
            }
        }
    }

    private Interposer() {
    }

    /** Generates the interposer class of {@code unit}'s {@code interfaces}. */
    public static Front front(String unit, List<Class<?>> interfaces) {
        List<Method> methods = UnitProxy.forwardedMethods(interfaces);
        String name = "liveswap.interposer.Interposer$" + unit.replaceAll("[^A-Za-z0-9_]", "_") + "$"
                + SEQUENCE.incrementAndGet();
        FrontLoader loader = new FrontLoader("liveswap-interposer:" + unit, interfaces, null);
        for (int i = 0; i < methods.size(); i++) {
            loader.define(InterposerGenerator.callName(name, i), InterposerGenerator.call(name, methods.get(i), i));
        }
        Class<?> cls = loader.define(name, InterposerGenerator.generate(name, interfaces, methods));
        try {
            MethodHandle constructor = MethodHandles.publicLookup().findConstructor(cls,
                    MethodType.methodType(void.class, Object.class, String.class, Method[].class,
                            UnitInterceptor[][].class));
            return new Front(unit, methods.toArray(Method[]::new), constructor);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot find the generated interposer of unit '" + unit + "'", e);
        }
    }

    /** An object implementing {@code interfaces} that runs {@code chain} in front of {@code target}. */
    public static Object interpose(String unit, List<Class<?>> interfaces, Object target,
            List<Interception> chain) {
        return front(unit, interfaces).make(target, chain);
    }
}
