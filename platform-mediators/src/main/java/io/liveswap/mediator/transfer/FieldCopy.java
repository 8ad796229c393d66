package io.liveswap.mediator.transfer;

import java.lang.reflect.Field;

/**
 * How one field's value moves from an object of the source class to an object of the target class: primitives with
 * the typed reflective accessors (no boxing; the accessors widen), other values through the graph copy.
 *
 * <p><b>Threading.</b> Immutable once built; used by whichever thread runs a transfer.
 */
final class FieldCopy {

    private final Field from;
    private final Field to;
    private final boolean primitives;

    FieldCopy(Field from, Field to) {
        this.from = from;
        this.to = to;
        this.primitives = from.getType().isPrimitive() && to.getType().isPrimitive()
                && Widening.widens(from.getType(), to.getType());
    }

    Field from() {
        return from;
    }

    Field to() {
        return to;
    }

    void copy(Object source, Object target, GraphCopy graph) throws IllegalAccessException {
        if (primitives) {
            copyPrimitive(source, target);
            return;
        }
        Object value = from.get(source);
        graph.store(target, to, value, from);
    }

    private void copyPrimitive(Object source, Object target) throws IllegalAccessException {
        Class<?> type = to.getType();
        if (type == int.class) {
            to.setInt(target, from.getInt(source));
        } else if (type == long.class) {
            to.setLong(target, from.getLong(source));
        } else if (type == double.class) {
            to.setDouble(target, from.getDouble(source));
        } else if (type == boolean.class) {
            to.setBoolean(target, from.getBoolean(source));
        } else if (type == float.class) {
            to.setFloat(target, from.getFloat(source));
        } else if (type == short.class) {
            to.setShort(target, from.getShort(source));
        } else if (type == char.class) {
            to.setChar(target, from.getChar(source));
        } else {
            to.setByte(target, from.getByte(source));
        }
    }
}
