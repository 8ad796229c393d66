package io.liveswap.mediator.transfer;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.liveswap.state.Derive;
import io.liveswap.state.From;
import io.liveswap.state.Restore;

/**
 * One {@code @Derive} (upwards) or {@code @Restore} (downwards) hook: a static method that fills a field of the
 * target object from fields of the source object.
 *
 * <p><b>Threading.</b> Immutable; invoked by the thread running the transfer, inside the pause.
 */
final class Hook {

    private final Method method;
    /** The method as a handle taking its arguments as one array: no reflective inflation per new version's class. */
    private final java.lang.invoke.MethodHandle handle;
    private final Class<?>[] types;
    private final Field target;
    private final Field[] inputs;

    private Hook(Method method, Field target, Field[] inputs) {
        this.method = method;
        this.target = target;
        this.inputs = inputs;
        this.types = method.getParameterTypes();
        try {
            this.handle = java.lang.invoke.MethodHandles.lookup().unreflect(method)
                    .asSpreader(Object[].class, types.length)
                    .asType(java.lang.invoke.MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw new Unmappable(this + " cannot be called: " + e.getMessage());
        }
    }

    Field target() {
        return target;
    }

    Field[] inputs() {
        return inputs;
    }

    /**
     * The hooks for carrying objects of {@code source} to {@code target}: upwards the target class's {@code @Derive}
     * methods, downwards the source class's {@code @Restore} methods; each only where the source class lacks the
     * field it fills (a source that has it, e.g. the same version installed again, is copied by name).
     */
    static List<Hook> of(Class<?> source, Class<?> target, boolean upwards, Map<String, Field> sourceFields,
            Map<String, Field> targetFields) {
        List<Hook> hooks = new ArrayList<>();
        for (Method method : (upwards ? target : source).getDeclaredMethods()) {
            String fills = upwards ? value(method.getAnnotation(Derive.class)) : value(method.getAnnotation(Restore.class));
            if (fills == null) {
                continue;
            }
            String where = "hook " + method.getDeclaringClass().getName() + "." + method.getName();
            if (!Modifier.isStatic(method.getModifiers())) {
                throw new Unmappable(where + " must be static (it runs before the object it fills is complete)");
            }
            if (sourceFields.containsKey(fills)) {
                continue; // the source has the field itself (e.g. the same version again): copied by name
            }
            Field filled = targetFields.get(fills);
            if (filled == null) {
                if (!upwards) {
                    continue; // a rollback past the version this hook restores: nothing to fill here
                }
                throw new Unmappable(where + " fills field '" + fills + "', which class " + target.getName()
                        + " does not have; name one of its fields");
            }
            Parameter[] parameters = method.getParameters();
            Field[] inputs = new Field[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                From from = parameters[i].getAnnotation(From.class);
                if (from == null) {
                    throw new Unmappable(where + ": parameter " + (i + 1) + " has no @From naming the field it"
                            + " receives");
                }
                inputs[i] = sourceFields.get(from.value());
                if (inputs[i] == null) {
                    throw new Unmappable(where + " reads field '" + from.value() + "', which class "
                            + source.getName() + " does not have");
                }
            }
            method.setAccessible(true);
            hooks.add(new Hook(method, filled, inputs));
        }
        return hooks;
    }

    private static String value(Object annotation) {
        if (annotation instanceof Derive derive) {
            return derive.value();
        }
        return annotation instanceof Restore restore ? restore.value() : null;
    }

    void apply(Object source, Object targetObject, GraphCopy graph) throws IllegalAccessException {
        graph.storeValue(targetObject, target, compute(source, graph), toString());
    }

    /** The hook's result for a source object (its inputs converted to the parameter types). */
    Object compute(Object source, GraphCopy graph) throws IllegalAccessException {
        Object[] arguments = new Object[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            arguments[i] = graph.argument(inputs[i].get(source), types[i], inputs[i], this);
        }
        try {
            return handle.invokeExact(arguments);
        } catch (RuntimeException | Error e) {
            throw new HookFailed(this + " threw " + e, e);
        } catch (Throwable e) {
            throw new HookFailed(this + " threw " + e, e);
        }
    }

    @Override
    public String toString() {
        return "hook " + method.getDeclaringClass().getName() + "." + method.getName();
    }
}
