package io.liveswap.mediator.transfer;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How objects of one source class become objects of one target class: the fields copied (matched by name, the
 * types checked from their declarations), the hooks, the fields dropped, and how a target object is made (its
 * constructor without parameters, so that fields the new version adds keep their initial values; a record's
 * canonical constructor).
 *
 * <p><b>Threading.</b> Built once per class pair (before the pause where the declared types reach it), then
 * immutable and shared by every copy.
 */
final class ClassPlan {

    private final Class<?> source;
    private final Class<?> target;
    private final FieldCopy[] copies;
    private final Hook[] hooks;
    private final List<String> dropped;
    private final Constructor<?> constructor;
    private final RecordComponent[] components;
    /** For a record target: for each component, the copy or hook that gives its value (else its default). */
    private final Object[] componentSources;

    ClassPlan(Class<?> source, Class<?> target, VersionClasses classes, boolean root) {
        this.source = source;
        this.target = target;
        if (!root && (Collection.class.isAssignableFrom(target) || Map.class.isAssignableFrom(target))) {
            throw new Unmappable("class " + target.getName() + " extends a JDK collection or map; automatic"
                    + " transfer copies the unit's own classes field by field: hold the collection in a field");
        }
        Map<String, Field> from = fields(source);
        Map<String, Field> to = fields(target);
        List<Hook> found = Hook.of(source, target, classes.upwards(), from, to);
        Set<String> filledByHooks = new HashSet<>();
        Set<String> read = new HashSet<>();
        for (Hook hook : found) {
            filledByHooks.add(hook.target().getName());
            for (Field input : hook.inputs()) {
                read.add(input.getName());
            }
        }
        List<FieldCopy> plan = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (Field field : from.values()) {
            Field counterpart = to.get(field.getName());
            if (filledByHooks.contains(field.getName())) {
                continue;
            }
            if (counterpart == null) {
                if (!read.contains(field.getName()) && !Kinds.notStateType(field.getType())) {
                    gone.add(source.getName() + "." + field.getName());
                }
                continue;
            }
            if (Kinds.notStateType(field.getType()) || Kinds.notStateType(counterpart.getType())) {
                continue; // recognised as not state: the new version's activation makes its own
            }
            TypeCheck.compatible(field, counterpart, classes);
            plan.add(new FieldCopy(field, counterpart));
        }
        this.copies = plan.toArray(FieldCopy[]::new);
        this.hooks = found.toArray(Hook[]::new);
        this.dropped = List.copyOf(gone);
        if (target.isRecord()) {
            this.components = target.getRecordComponents();
            this.componentSources = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                for (FieldCopy copy : copies) {
                    componentSources[i] = copy.to().getName().equals(components[i].getName()) ? copy
                            : componentSources[i];
                }
                for (Hook hook : hooks) {
                    componentSources[i] = hook.target().getName().equals(components[i].getName()) ? hook
                            : componentSources[i];
                }
            }
            this.constructor = constructor(target, types);
        } else {
            this.components = null;
            this.componentSources = null;
            this.constructor = root ? null : constructor(target);
        }
    }

    private static Constructor<?> constructor(Class<?> target, Class<?>... types) {
        try {
            Constructor<?> made = target.getDeclaredConstructor(types);
            made.setAccessible(true);
            return made;
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new Unmappable("class " + target.getName() + " has objects in the state but no constructor"
                    + " without parameters; add one (it may be private) so that its objects can be re-created, or"
                    + " make it a record");
        }
    }

    /** The instance fields automatic transfer carries, of the class and its superclasses of the same loader. */
    static Map<String, Field> fields(Class<?> type) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class && c.getClassLoader() == type.getClassLoader();
                c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Kinds.carried(field) && !fields.containsKey(field.getName())) {
                    field.setAccessible(true);
                    fields.put(field.getName(), field);
                }
            }
        }
        return fields;
    }

    Class<?> source() {
        return source;
    }

    Class<?> target() {
        return target;
    }

    List<String> dropped() {
        return dropped;
    }

    FieldCopy[] copies() {
        return copies;
    }

    boolean record() {
        return components != null;
    }

    /** A new target object whose fields are filled later ({@link #fill}); not for records. */
    Object create() {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new HookFailed("the constructor of " + target.getName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new Unmappable("cannot create an object of " + target.getName() + ": " + e);
        }
    }

    /** A record target, made from the source object's values at once. */
    Object createRecord(Object from, GraphCopy graph) throws IllegalAccessException {
        Object[] arguments = new Object[components.length];
        graph.counted(components.length);
        for (int i = 0; i < components.length; i++) {
            Class<?> type = components[i].getType();
            if (componentSources[i] instanceof FieldCopy copy) {
                arguments[i] = graph.argument(copy.from().get(from), type, copy.from(), null);
            } else if (componentSources[i] instanceof Hook hook) {
                arguments[i] = graph.result(hook.compute(from, graph), type, hook);
            } else {
                arguments[i] = type.isPrimitive() ? java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(
                        type, 1), 0) : null;
            }
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new HookFailed("the constructor of record " + target.getName() + " threw " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new Unmappable("cannot create record " + target.getName() + ": " + e);
        }
    }

    /** Copies the source object's fields into the target object; its hooks run once the values they read are filled. */
    void fill(Object from, Object to, GraphCopy graph) throws IllegalAccessException {
        graph.counted(copies.length + hooks.length);
        for (FieldCopy copy : copies) {
            copy.copy(from, to, graph);
        }
        for (Hook hook : hooks) {
            graph.hookLater(() -> hook.apply(from, to, graph));
        }
    }
}
