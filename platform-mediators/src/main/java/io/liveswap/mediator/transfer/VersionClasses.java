package io.liveswap.mediator.transfer;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.liveswap.state.FormerName;

/**
 * The classes of the two versions a transfer connects: which classes are the unit's own (defined by the old or the
 * new version's class loader), and the class of the target version that an object of a source class becomes (same
 * name, or {@link FormerName}).
 *
 * <p><b>Threading.</b> Thread-safe: counterparts are kept in a concurrent map (two threads may look one up at once,
 * with the same result); the rename index is computed at most once, under this object's monitor, on the first
 * lookup of a class the target version lacks by name.
 */
public final class VersionClasses {

    private final ClassLoader source;
    private final ClassLoader target;
    private final boolean upwards;
    private final Supplier<Collection<String>> targetClassNames;
    private Map<String, Class<?>> renamed;
    /** Counterparts found so far: a lookup through a bundle's class loader is far too slow to repeat per object. */
    private final Map<Class<?>, Class<?>> counterparts = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param source the class loader of the version carried from
     * @param target the class loader of the version carried to
     * @param upwards whether the target is the newer version (a rollback goes downwards)
     * @param targetClassNames every class name of the target version (read only for {@link FormerName}s)
     */
    public VersionClasses(ClassLoader source, ClassLoader target, boolean upwards,
            Supplier<Collection<String>> targetClassNames) {
        this.source = source;
        this.target = target;
        this.upwards = upwards;
        this.targetClassNames = targetClassNames;
    }

    boolean upwards() {
        return upwards;
    }

    /** A class of the version carried from (its own code, not the JDK's nor another bundle's). */
    boolean ownSource(Class<?> type) {
        return type.getClassLoader() == source && source != null;
    }

    boolean ownTarget(Class<?> type) {
        return type.getClassLoader() == target && target != null;
    }

    /**
     * The target version's class for a source class of the unit.
     *
     * @throws Unmappable when the target version has no such class
     */
    Class<?> counterpart(Class<?> sourceClass) {
        Class<?> known = counterparts.get(sourceClass);
        if (known != null) {
            return known;
        }
        Class<?> found = byName(sourceClass.getName());
        if (found == null && !upwards) { // a rollback: this class may name its older self
            FormerName former = sourceClass.getAnnotation(FormerName.class);
            for (String name : former == null ? new String[0] : former.value()) {
                found = found != null ? found : byName(name);
            }
        }
        if (found == null && upwards) {
            found = renamedTo(sourceClass.getName());
        }
        if (found == null) {
            throw new Unmappable("class " + sourceClass.getName() + " has objects in the state, but the "
                    + (upwards ? "new" : "older") + " version has no class of that name; "
                    + (upwards ? "if it was renamed, put @FormerName(\"" + sourceClass.getName()
                            + "\") on the class that replaces it" : "roll back with a StatefulUnit transformer")
                    + ", or mark the fields holding it @Transient");
        }
        counterparts.put(sourceClass, found);
        return found;
    }

    /** A class of neither version (an API bundle's) that the target version sees as the very same class. */
    boolean sharedWithTarget(Class<?> type) {
        try {
            return Class.forName(type.getName(), false, target) == type;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private Class<?> byName(String name) {
        try {
            Class<?> found = Class.forName(name, false, target);
            return ownTarget(found) ? found : null;
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private synchronized Class<?> renamedTo(String oldName) {
        if (renamed == null) {
            renamed = new HashMap<>();
            for (String name : targetClassNames.get()) {
                Class<?> candidate = byName(name);
                FormerName former = candidate == null ? null : candidate.getAnnotation(FormerName.class);
                for (String was : former == null ? new String[0] : former.value()) {
                    renamed.put(was, candidate);
                }
            }
        }
        return renamed.get(oldName);
    }
}
