package io.liveswap.core.adapter;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.liveswap.core.generation.FrontLoader;
import io.liveswap.core.proxy.UnitProxy;

/**
 * Serves one set of interfaces (a face of the unit, as old consumers see it) with an implementation of another copy
 * of them: every method of the face is forwarded to the implementation's method of the same name and parameter
 * types. {@link #plan} decides whether that is possible ({@link Contract} compares the declarations: return types,
 * generic signatures, checked exceptions); {@link #maker} generates the adapter classes ({@link AdapterGenerator}).
 */
public final class Adapter {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Adapter() {
    }

    /**
     * How to serve a face with an implementation.
     *
     * @param implementation the implementation's interfaces
     * @param forwards face method to implementation method, in the face's method order
     * @param missing face methods with no compatible counterpart, described
     * @param undeclared checked exceptions the face's consumers could receive undeclared, described
     * @param translations per face method, the checked exceptions translated to the face's contract
     * @param lacking the face methods {@code missing} describes, in the same order
     * @param stubs face methods served by a stub that throws {@link UnsupportedOperationException} with the
     *        given message (removed methods no consumer calls, see {@link #stubbing})
     */
    public record Plan(List<Class<?>> implementation, Map<Method, Method> forwards, List<String> missing,
            List<String> undeclared, Map<Method, List<Translations.Translation>> translations, List<Method> lacking,
            Map<Method, String> stubs) {

        /** Whether the face can be served at all: no method is missing and no exception would arrive undeclared. */
        public boolean possible() {
            return missing.isEmpty() && undeclared.isEmpty();
        }

        /**
         * This plan with every missing method served by a stub that throws {@link UnsupportedOperationException}
         * with {@code message}'s text for it: for removed methods that no consumer calls.
         */
        public Plan stubbing(Function<Method, String> message) {
            Map<Method, String> stubbed = new LinkedHashMap<>(stubs);
            lacking.forEach(m -> stubbed.put(m, message.apply(m)));
            return new Plan(implementation, forwards, List.of(), undeclared, translations, List.of(),
                    Map.copyOf(stubbed));
        }
    }

    /**
     * @param face the interfaces the face's consumers were compiled against
     * @param implementation the interfaces the implementation is registered under
     */
    public static Plan plan(List<Class<?>> face, List<Class<?>> implementation) {
        return plan(face, implementation, null);
    }

    /**
     * @param face the interfaces the face's consumers were compiled against
     * @param implementation the interfaces the implementation is registered under
     * @param implementationClass the implementation's class, whose {@code @TranslatesException} annotations map
     *        checked exceptions, or {@code null} for none
     */
    public static Plan plan(List<Class<?>> face, List<Class<?>> implementation, Class<?> implementationClass) {
        Contract contract = new Contract(implementationClass);
        Map<Method, Method> forwards = new LinkedHashMap<>();
        Map<Method, List<Translations.Translation>> translations = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> undeclared = new ArrayList<>();
        List<Method> lacking = new ArrayList<>();
        for (Method wanted : UnitProxy.forwardedMethods(face)) {
            Contract.Match match = contract.counterpart(wanted, implementation);
            if (match.method() == null) {
                missing.add(match.problem());
                lacking.add(wanted);
                continue;
            }
            forwards.put(wanted, match.method());
            List<Translations.Translation> translated = new ArrayList<>();
            undeclared.addAll(contract.exceptions(wanted, match.method(), translated));
            translations.put(wanted, List.copyOf(translated));
        }
        return new Plan(List.copyOf(implementation), forwards, missing, undeclared, translations, List.copyOf(lacking),
                Map.of());
    }

    /**
     * Generates the classes of an adapter serving {@code face} as {@code plan} maps it.
     *
     * @return makes an adapter for one target: an object implementing {@code face} that forwards every call to the
     *         target; {@code equals}, {@code hashCode} and {@code toString} reach the target directly. Where the
     *         target returns itself the adapter returns itself, so that the face's proxy recognises its target and
     *         hands back the proxy. A stubbed method ({@link Plan#stubbing}) throws
     *         {@link UnsupportedOperationException} without reaching the target.
     * @throws IllegalArgumentException if the plan is not {@link Plan#possible()}
     */
    public static UnaryOperator<Object> maker(List<Class<?>> face, Plan plan) {
        if (!plan.possible()) {
            throw new IllegalArgumentException("Cannot adapt: " + plan.missing() + " " + plan.undeclared());
        }
        long n = SEQUENCE.incrementAndGet();
        List<Method> faceMethods = List.copyOf(plan.forwards().keySet());
        List<Method> implementationMethods = faceMethods.stream().map(plan.forwards()::get).toList();
        List<List<Translations.Translation>> translations = faceMethods.stream()
                .map(m -> plan.translations().getOrDefault(m, List.of())).toList();
        String callsName = "liveswap.adapter.Calls$" + n;
        FrontLoader callsLoader = new FrontLoader("liveswap-adapter-calls", plan.implementation(), translations);
        Class<?> calls = callsLoader.define(callsName, AdapterGenerator.calls(callsName, implementationMethods,
                translations.stream().map(list -> list.stream().<Class<?>>map(Translations.Translation::from)
                        .toList()).toList()));
        String faceName = "liveswap.adapter.Face$" + n;
        FrontLoader faceLoader = new FrontLoader("liveswap-adapter", face, null);
        faceLoader.see(calls);
        Class<?> adapterClass = faceLoader.define(faceName,
                AdapterGenerator.face(faceName, face, faceMethods, implementationMethods, callsName,
                        plan.stubs()));
        MethodHandle constructor;
        try {
            constructor = MethodHandles.publicLookup().findConstructor(adapterClass,
                    MethodType.methodType(void.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot find the generated adapter's constructor", e);
        }
        return target -> {
            try {
                return constructor.invoke(target);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot make an adapter", e);
            }
        };
    }

    /** An adapter of {@code face} for {@code target}, as {@code plan} maps it (see {@link #maker}). */
    public static Object adapt(List<Class<?>> face, Object target, Plan plan) {
        return maker(face, plan).apply(target);
    }
}
