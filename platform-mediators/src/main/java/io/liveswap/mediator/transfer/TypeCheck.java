package io.liveswap.mediator.transfer;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/**
 * The check, from declared types alone, that a field's old value can go into the new version's field of the same
 * name: run before the pause, so that what is certain to fail is refused before any caller waits. Values whose
 * class only the running objects show (a field of an interface type) are checked again during the copy.
 */
final class TypeCheck {

    private TypeCheck() {
    }

    /** @throws Unmappable naming the field and the fix */
    static void compatible(Field from, Field to, VersionClasses classes) {
        Class<?> s = from.getType();
        Class<?> d = to.getType();
        Class<?> sp = Widening.primitive(s);
        Class<?> dp = Widening.primitive(d);
        if (sp != null || dp != null) {
            boolean rollbackNarrows = !classes.upwards() && sp != null && dp != null && Widening.numeric(sp, dp);
            if (sp == null || dp == null || !Widening.widens(sp, dp) && !rollbackNarrows) {
                throw Unmappable.field(to, "is a " + d.getName() + " in the new version and a " + s.getName()
                        + " in the old one, which does not widen to it", fix(to));
            }
            return;
        }
        Class<?> mapped = s.isArray() ? arrayOf(s, classes) : classes.ownSource(s) ? classes.counterpart(s) : s;
        boolean related = d.isAssignableFrom(mapped) || mapped.isAssignableFrom(d)
                || (d.isInterface() || mapped.isInterface()) && !java.lang.reflect.Modifier.isFinal(d.getModifiers())
                        && !java.lang.reflect.Modifier.isFinal(mapped.getModifiers()) && !Kinds.immutable(mapped)
                || Collection.class.isAssignableFrom(mapped) && Collection.class.isAssignableFrom(d)
                || Map.class.isAssignableFrom(mapped) && Map.class.isAssignableFrom(d);
        if (!related) {
            throw Unmappable.field(to, "is a " + d.getName() + " in the new version and a " + s.getName()
                    + " in the old one", fix(to));
        }
        typeArguments(from.getGenericType(), from, classes);
    }

    /** The unit's own classes named as type arguments ({@code List<Item>}) must exist in the target version. */
    private static void typeArguments(Type type, Field field, VersionClasses classes) {
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (argument instanceof Class<?> c && classes.ownSource(c) && !Kinds.lambda(c)) {
                    classes.counterpart(c);
                } else {
                    typeArguments(argument, field, classes);
                }
            }
        }
    }

    private static Class<?> arrayOf(Class<?> array, VersionClasses classes) {
        Class<?> component = array.getComponentType();
        if (component.isPrimitive() || !classes.ownSource(component)) {
            return array;
        }
        return java.lang.reflect.Array.newInstance(classes.counterpart(component), 0).getClass();
    }

    static String fix(Field field) {
        return "add a static @Derive(\"" + field.getName() + "\") method to " + field.getDeclaringClass().getName()
                + " that computes it from the old fields, mark it @Transient if it must not be carried, or implement"
                + " StatefulUnit with a StateTransformer";
    }
}
