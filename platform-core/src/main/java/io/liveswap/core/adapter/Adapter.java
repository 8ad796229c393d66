package io.liveswap.core.adapter;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.liveswap.core.proxy.UnitProxy;

/**
 * Serves one set of interfaces (a face of the unit, as old consumers see it) with an implementation of another copy
 * of them: every method of the face is forwarded to the implementation's method of the same name and parameter
 * types. A face method with no such counterpart (removed, or its parameters or return type changed) makes the
 * adaptation impossible; {@link #plan} names those methods.
 */
public final class Adapter {

    private Adapter() {
    }

    /** How to serve a face with an implementation: the method map, or what is missing. */
    public record Plan(Map<Method, Method> forwards, List<String> missing) {

        public boolean possible() {
            return missing.isEmpty();
        }
    }

    /**
     * @param face the interfaces the face's consumers were compiled against
     * @param implementation the interfaces the implementation is registered under
     */
    public static Plan plan(List<Class<?>> face, List<Class<?>> implementation) {
        Map<Method, Method> forwards = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Method wanted : UnitProxy.forwardedMethods(face)) {
            Method found = counterpart(wanted, implementation);
            if (found == null) {
                missing.add(wanted.getDeclaringClass().getSimpleName() + "." + wanted.getName()
                        + signature(wanted.getParameterTypes()) + " : " + wanted.getReturnType().getSimpleName());
            } else {
                forwards.put(wanted, found);
            }
        }
        return new Plan(forwards, missing);
    }

    private static Method counterpart(Method wanted, List<Class<?>> implementation) {
        for (Class<?> type : implementation) {
            Method candidate;
            try {
                candidate = type.getMethod(wanted.getName(), wanted.getParameterTypes());
            } catch (NoSuchMethodException notHere) {
                continue;
            }
            if (wanted.getReturnType().isAssignableFrom(candidate.getReturnType())) {
                return candidate;
            }
        }
        return null;
    }

    private static String signature(Class<?>[] parameters) {
        StringBuilder out = new StringBuilder("(");
        for (int i = 0; i < parameters.length; i++) {
            out.append(i == 0 ? "" : ", ").append(parameters[i].getSimpleName());
        }
        return out.append(')').toString();
    }

    /**
     * An object implementing {@code face} that forwards every call to {@code target} as {@code plan} maps it;
     * {@code equals}, {@code hashCode} and {@code toString} reach the target directly. Where the target returns
     * itself the adapter returns itself, so that the face's proxy recognises its target and hands back the proxy.
     */
    public static Object adapt(ClassLoader loader, List<Class<?>> face, Object target, Plan plan) {
        Map<Method, Method> forwards = Map.copyOf(plan.forwards());
        InvocationHandler handler = (proxy, method, args) -> {
            Method to = method.getDeclaringClass() == Object.class ? method : forwards.get(method);
            try {
                Object result = to.invoke(target, args);
                // a fluent `return this` stays mediated (SelfReturns), where the declared type can hold this object
                return result == target && method.getReturnType().isInstance(proxy) ? proxy : result;
            } catch (InvocationTargetException e) {
                throw e.getCause(); // the implementation's exception, unchanged
            }
        };
        return Proxy.newProxyInstance(loader, face.toArray(Class<?>[]::new), handler);
    }
}
