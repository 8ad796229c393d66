package io.liveswap.mediator.transfer;

import java.util.Map;

/**
 * The conversions automatic transfer allows between a field's old and new type: the same type, Java's widening
 * primitive conversions (int to long, float to double, ...), boxing and unboxing around them.
 */
final class Widening {

    private static final Map<Class<?>, Class<?>> UNBOXED = Map.of(Boolean.class, boolean.class, Character.class,
            char.class, Byte.class, byte.class, Short.class, short.class, Integer.class, int.class, Long.class,
            long.class, Float.class, float.class, Double.class, double.class);

    /** Primitive types in the order of widening: a type widens to every type after it, except as noted. */
    private static final String ORDER = "byte short int long float double";

    private Widening() {
    }

    /** The primitive type of a primitive or boxed type, else {@code null}. */
    static Class<?> primitive(Class<?> type) {
        return type.isPrimitive() ? type : UNBOXED.get(type);
    }

    /** Whether a value of primitive type {@code from} widens (or is equal) to primitive type {@code to}. */
    static boolean widens(Class<?> from, Class<?> to) {
        if (from == to) {
            return true;
        }
        if (from == boolean.class || to == boolean.class || to == char.class || to == byte.class) {
            return false;
        }
        if (from == char.class) {
            return to == int.class || to == long.class || to == float.class || to == double.class;
        }
        if (to == short.class) {
            return from == byte.class;
        }
        return ORDER.indexOf(from.getName()) < ORDER.indexOf(to.getName());
    }

    /** Whether both are numeric primitive types (a rollback may narrow between them, value by value). */
    static boolean numeric(Class<?> from, Class<?> to) {
        return from != boolean.class && to != boolean.class && from != char.class && to != char.class;
    }

    /**
     * Converts a boxed value to the (primitive or boxed) type {@code to}, widening as needed; with {@code narrow},
     * also narrowing a number whose value the narrower type holds exactly (a rollback of a widened field).
     *
     * @throws IllegalArgumentException when it does not widen (or, narrowing, does not fit)
     */
    static Object convert(Object boxed, Class<?> to, boolean narrow) {
        Class<?> target = primitive(to);
        Class<?> from = primitive(boxed.getClass());
        if (narrow && target != null && from != null && !widens(from, target) && numeric(from, target)) {
            return narrowed((Number) boxed, target);
        }
        if (target == null || from == null || !widens(from, target)) {
            throw new IllegalArgumentException(boxed.getClass().getName() + " does not widen to " + to.getName());
        }
        if (from == target) {
            return boxed;
        }
        long whole = boxed instanceof Character c ? c : boxed instanceof Number n && !(boxed instanceof Float)
                && !(boxed instanceof Double) ? n.longValue() : 0;
        if (target == short.class) {
            return (short) whole;
        }
        if (target == int.class) {
            return (int) whole;
        }
        if (target == long.class) {
            return whole;
        }
        double real = boxed instanceof Float || boxed instanceof Double ? ((Number) boxed).doubleValue() : whole;
        return target == float.class ? (Object) (float) real : (Object) real;
    }

    private static Object narrowed(Number value, Class<?> target) {
        Object result = target == byte.class ? (Object) value.byteValue() : target == short.class ? value.shortValue()
                : target == int.class ? value.intValue() : target == long.class ? value.longValue()
                : target == float.class ? (Object) value.floatValue() : value.doubleValue();
        if (((Number) result).doubleValue() != value.doubleValue() || value instanceof Long l && target != float.class
                && target != double.class && ((Number) result).longValue() != l) {
            throw new IllegalArgumentException(value + " does not fit into a " + target.getName());
        }
        return result;
    }
}
