package io.liveswap.mediator.transfer;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One copy of an object graph from the source version's objects to the target version's. Every source object is
 * mapped once (an identity map), so shared references stay shared and cycles close; objects are created first and
 * filled from a work stack, not by recursion, so a long chain cannot overflow the stack. Hooks run once the objects
 * they read are filled. Insertions into hashed or
 * sorted collections whose elements are the unit's own objects wait until every object is filled (their hash codes
 * and order may depend on fields), and run in the reverse order of discovery: inner collections before the objects
 * that hold them.
 *
 * <p><b>Threading.</b> Confined to the one thread that runs the transfer (the transfer thread, inside the pause, for
 * a swap; the first caller's thread for a lazily migrated instance). Allocation: the identity map, one small task
 * per object or container, and the copies themselves; primitive fields are copied without boxing.
 */
final class GraphCopy {

    /** What {@link #map} returns for a value that does not cross (the target keeps its own value). */
    static final Object NOT_CARRIED = new Object();

    /** Deferred work: filling an object or a container. */
    interface Task {
        void run() throws IllegalAccessException;
    }

    private final Plans plans;
    private final VersionClasses classes;
    private final IdentityHashMap<Object, Object> done = new IdentityHashMap<>();
    private final ArrayDeque<Task> pending = new ArrayDeque<>();
    private final List<Task> inserts = new ArrayList<>();
    private final ArrayDeque<Task> hooks = new ArrayDeque<>();
    private final Set<String> notCarried = new LinkedHashSet<>();
    private final Containers containers = new Containers(this);
    private long values;

    GraphCopy(Plans plans, VersionClasses classes) {
        this.plans = plans;
        this.classes = classes;
    }

    VersionClasses classes() {
        return classes;
    }

    /** The values carried: every field, element and map entry copied. */
    long values() {
        return values;
    }

    void counted(int carried) {
        values += carried;
    }

    Set<String> notCarried() {
        return notCarried;
    }

    /** Copies the root's state into an existing target root (the new version's activated object). */
    void root(Object source, Object target) throws IllegalAccessException {
        ClassPlan plan = plans.plan(source.getClass(), target.getClass(), true);
        done.put(source, target);
        plan.fill(source, target, this);
        drain();
    }

    /** Fills every object, then runs the hooks (which read complete values; what they map is filled in turn). */
    private void drain() throws IllegalAccessException {
        while (!pending.isEmpty() || !hooks.isEmpty()) {
            while (!pending.isEmpty()) {
                pending.pop().run();
            }
            while (!hooks.isEmpty()) {
                hooks.poll().run();
            }
        }
        for (int i = inserts.size() - 1; i >= 0; i--) {
            inserts.get(i).run();
        }
        inserts.clear();
    }

    void later(Task task) {
        pending.push(task);
    }

    /** A hook, run once every object met so far is filled. */
    void hookLater(Task task) {
        hooks.add(task);
    }

    void insertLater(Task task) {
        inserts.add(task);
    }

    void mapped(Object source, Object target) {
        done.put(source, target);
    }

    /**
     * The target version's value for a source value: itself when immutable, the copy made before when met before,
     * else a new copy (filled later), or {@link #NOT_CARRIED}.
     */
    Object map(Object value, String where) throws IllegalAccessException {
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        if (Kinds.immutable(type)) {
            return value;
        }
        Object seen = done.get(value);
        if (seen != null) {
            return seen;
        }
        if (value instanceof Enum<?> constant && classes.ownSource(constant.getDeclaringClass())) {
            return constant(constant, where);
        }
        if (classes.ownSource(type) && !type.isArray()) {
            return own(value, type, where);
        }
        if (Kinds.container(type)) {
            return containers.copy(value, where);
        }
        if (Kinds.notState(type)) {
            return NOT_CARRIED;
        }
        if (Kinds.jdk(type)) {
            throw new Unmappable(where + " holds a " + type.getName() + ", which automatic transfer does not copy;"
                    + " hold an immutable value (String, number, java.time), a collection or the unit's own class,"
                    + " or mark the field @Transient");
        }
        if ((type.isRecord() || type.isEnum()) && classes.sharedWithTarget(type)) {
            return value; // an API bundle's value type, the same class in both versions
        }
        notCarried.add(where + " (a " + type.getName() + " of another bundle: the new version's activation provides"
                + " its own)");
        return NOT_CARRIED;
    }

    private Object constant(Enum<?> constant, String where) {
        Class<?> target = classes.counterpart(constant.getDeclaringClass());
        for (Object candidate : target.getEnumConstants()) {
            if (((Enum<?>) candidate).name().equals(constant.name())) {
                return candidate;
            }
        }
        throw new Unmappable(where + " holds " + constant.getDeclaringClass().getName() + "." + constant.name()
                + ", a constant the enum lacks in the other version; keep the constant, or add a @Derive hook");
    }

    private Object own(Object value, Class<?> type, String where) throws IllegalAccessException {
        if (Kinds.lambda(type)) {
            return NOT_CARRIED;
        }
        ClassPlan plan = plans.plan(type, classes.counterpart(type), false);
        if (plan.record()) {
            Object made = plan.createRecord(value, this);
            mapped(value, made);
            return made;
        }
        Object made = plan.create();
        mapped(value, made);
        pending.push(() -> plan.fill(value, made, this));
        return made;
    }

    /** Copies a field's value from a source object into a target object's field. */
    void store(Object target, Field to, Object value, Field from) throws IllegalAccessException {
        if (value != null && !done.containsKey(value) && (value instanceof Collection || value instanceof Map)) {
            Object existing = to.get(target);
            if (containers.reusable(existing, value)) { // fill the new version's own (fresh, empty) collection
                mapped(value, existing);
                later(() -> containers.fill(value, existing, where(from)));
                return;
            }
        }
        Object mapped = map(value, where(from));
        if (mapped != NOT_CARRIED) {
            storeValue(target, to, mapped, where(from));
        }
    }

    /** Stores a target-version value into a target object's field, widening and type-checking it. */
    void storeValue(Object target, Field to, Object value, String where) throws IllegalAccessException {
        to.set(target, convert(value, to.getType(), to, where));
    }

    /** A source value mapped and converted to a hook parameter's or record component's type. */
    Object argument(Object value, Class<?> type, Field field, Hook hook) throws IllegalAccessException {
        Object mapped = map(value, where(field));
        return convert(mapped == NOT_CARRIED ? null : mapped, type, field, hook == null ? where(field)
                : hook.toString());
    }

    /** A hook's result (already a value of the target version) converted to a field's type. */
    Object result(Object value, Class<?> type, Hook hook) {
        return convert(value, type, hook.target(), hook.toString());
    }

    private Object convert(Object value, Class<?> type, Field field, String where) {
        if (value == null) {
            if (type.isPrimitive()) {
                throw Unmappable.field(field, "is null where the other version has a " + type.getName() + " (" + where
                        + ")", TypeCheck.fix(field));
            }
            return null;
        }
        if (Widening.primitive(type) != null) {
            try {
                return Widening.convert(value, type, !classes.upwards());
            } catch (IllegalArgumentException e) {
                throw Unmappable.field(field, "cannot take " + e.getMessage() + " (" + where + ")",
                        TypeCheck.fix(field));
            }
        }
        if (!type.isInstance(value)) {
            throw Unmappable.field(field, "is a " + type.getName() + ", which cannot hold the carried "
                    + value.getClass().getName() + " (" + where + ")", "initialise the field with a collection of"
                            + " the kind it declares (the platform fills it), or " + TypeCheck.fix(field));
        }
        return value;
    }

    static String where(Field field) {
        return "field " + field.getDeclaringClass().getName() + "." + field.getName();
    }
}
