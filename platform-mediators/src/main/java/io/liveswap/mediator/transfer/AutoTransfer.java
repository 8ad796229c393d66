package io.liveswap.mediator.transfer;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Automatic state transfer between two versions of a unit whose implementations are not {@code StatefulUnit}s:
 * {@link #check} from the declared types (before the pause; also what a dry run reports), {@link #copy} from the
 * running objects (inside the pause). Both directions: a rollback maps the newer version's objects back by the same
 * field matching ({@code @Restore} hooks instead of {@code @Derive}).
 *
 * <p><b>Threading.</b> One instance per pair of versions; {@link #check} and {@link #copy} may run on different
 * threads one after the other (the plans they share are thread-safe), and several copies may run at once (lazily
 * migrated instances), each with a graph copy of its own.
 */
public final class AutoTransfer {

    /**
     * What a copy did.
     *
     * @param values the values carried: every field, element and map entry copied
     * @param dropped fields of the source version the target has no field for ("Class.field"), not carried
     * @param notCarried fields holding other bundles' objects, left to the target version's activation
     */
    public record Outcome(long values, List<String> dropped, List<String> notCarried) {
    }

    private final VersionClasses classes;
    private final Plans plans;

    public AutoTransfer(VersionClasses classes) {
        this.classes = classes;
        this.plans = new Plans(classes);
    }

    /**
     * Plans the transfer from the declared types of the root classes and every class of the unit their fields
     * name (as field types, array components or type arguments).
     *
     * @return the fields the target version drops
     * @throws Unmappable what certainly cannot be carried, naming the field and the fix
     */
    public List<String> check(Class<?> source, Class<?> target) {
        Set<Class<?>> seen = new HashSet<>();
        List<ClassPlan> work = new ArrayList<>();
        work.add(plans.plan(source, target, true));
        while (!work.isEmpty()) {
            ClassPlan plan = work.remove(work.size() - 1);
            for (Field field : ClassPlan.fields(plan.source()).values()) {
                if (!Kinds.notStateType(field.getType())) {
                    reached(field.getGenericType(), seen, work);
                }
            }
        }
        return plans.dropped();
    }

    private void reached(Type type, Set<Class<?>> seen, List<ClassPlan> work) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                reached(c.getComponentType(), seen, work);
            } else if (classes.ownSource(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                    && !c.isEnum() && !Kinds.lambda(c) && seen.add(c)) {
                work.add(plans.plan(c, classes.counterpart(c), false));
            }
        } else if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                reached(argument, seen, work);
            }
        } else if (type instanceof GenericArrayType array) {
            reached(array.getGenericComponentType(), seen, work);
        }
    }

    /** Whether objects of the source class have fields automatic transfer would carry. */
    public boolean hasState(Class<?> source) {
        return ClassPlan.fields(source).values().stream().anyMatch(f -> !Kinds.notStateType(f.getType()));
    }

    /**
     * Copies the state of {@code source} (an object of the version carried from) into {@code target} (the other
     * version's object, already constructed and activated). The source is only read.
     *
     * @throws Unmappable a value that cannot be carried (the target may be partly filled: discard it)
     * @throws HookFailed a hook or a constructor of the unit threw
     */
    public Outcome copy(Object source, Object target) {
        GraphCopy graph = new GraphCopy(plans, classes);
        try {
            graph.root(source, target);
        } catch (IllegalAccessException e) {
            throw new Unmappable("a field could not be accessed: " + e.getMessage());
        }
        return new Outcome(graph.values(), plans.dropped(), List.copyOf(graph.notCarried()));
    }
}
