package io.liveswap.core.interposition;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;

import io.liveswap.interpose.Invocation;
import io.liveswap.interpose.UnitInterceptor;

/**
 * Puts a chain of interceptors in front of an implementation: an object implementing the unit's interfaces whose
 * calls run the interceptors that apply to the method, in order, then the implementation. The unit's proxy points
 * at it instead of the implementation; {@code equals}, {@code hashCode} and {@code toString} reach the
 * implementation directly. Where the implementation returns itself it returns itself, so that the unit's proxy
 * recognises its target and hands back the proxy.
 */
public final class Interposer {

    /** One interceptor, and the method names it applies to (empty: all). */
    public record Interception(UnitInterceptor interceptor, Set<String> methods) {
        boolean appliesTo(Method method) {
            return methods.isEmpty() || methods.contains(method.getName());
        }
    }

    private Interposer() {
    }

    /** An object implementing {@code interfaces} that runs {@code chain} in front of {@code target}. */
    public static Object interpose(String unit, ClassLoader loader, List<Class<?>> interfaces, Object target,
            List<Interception> chain) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return invoke(method, target, args);
            }
            List<Interception> applying = chain.stream().filter(i -> i.appliesTo(method)).toList();
            Object result = new Call(unit, method, args == null ? new Object[0] : args, target, applying, 0)
                    .proceed();
            // a fluent `return this` stays mediated (SelfReturns), where the declared type can hold this object
            return result == target && method.getReturnType().isInstance(proxy) ? proxy : result;
        };
        return Proxy.newProxyInstance(loader, interfaces.toArray(Class<?>[]::new), handler);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // the implementation's exception, unchanged
        }
    }

    /** The call at one position of the chain. */
    private record Call(String unit, Method method, Object[] arguments, Object target, List<Interception> chain,
            int position) implements Invocation {

        @Override
        public Object proceed() throws Throwable {
            if (position == chain.size()) {
                return invoke(method, target, arguments);
            }
            return chain.get(position).interceptor()
                    .intercept(new Call(unit, method, arguments, target, chain, position + 1));
        }
    }
}
