package io.liveswap.mediator.transfer;

import java.lang.reflect.Array;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Copies of JDK containers for a {@link GraphCopy}: arrays, collections, maps (the same JDK class, its comparator
 * carried; unmodifiable and synchronized views as views of a copy), atomics and {@code Optional}. A container is
 * created empty and registered at once (so that cycles through it close), and filled later with its elements
 * mapped.
 *
 * <p><b>Threading.</b> Confined to its graph copy's thread.
 */
final class Containers {

    /** The object a field receives, and the one to fill (the same, or the copy a view wraps). */
    private record Shell(Object visible, Object inner) {
    }

    private final GraphCopy graph;

    Containers(GraphCopy graph) {
        this.graph = graph;
    }

    Object copy(Object value, String where) throws IllegalAccessException {
        if (value.getClass().isArray()) {
            return array(value, where);
        }
        Object atomic = atomic(value, where);
        if (atomic != null) {
            return atomic;
        }
        Shell shell = shell(value, where);
        graph.mapped(value, shell.visible());
        graph.later(() -> fill(value, shell.inner(), where));
        return shell.visible();
    }

    /** Whether a target field's current value is a fresh, empty, mutable JDK container of the value's kind. */
    boolean reusable(Object existing, Object value) {
        if (existing == null || !Kinds.jdk(existing.getClass()) || !Modifier.isPublic(existing.getClass().getModifiers())) {
            return false;
        }
        return existing instanceof Collection<?> c && c.isEmpty() && value instanceof Collection
                || existing instanceof Map<?, ?> m && m.isEmpty() && value instanceof Map;
    }

    private Object array(Object value, String where) {
        Class<?> component = value.getClass().getComponentType();
        int length = Array.getLength(value);
        if (component.isPrimitive()) {
            graph.counted(length);
            Object copy = Array.newInstance(component, length);
            System.arraycopy(value, 0, copy, 0, length);
            graph.mapped(value, copy);
            return copy;
        }
        Class<?> target = graph.classes().ownSource(component) ? graph.classes().counterpart(component) : component;
        Object[] copy = (Object[]) Array.newInstance(target, length);
        graph.mapped(value, copy);
        Object[] source = (Object[]) value;
        graph.later(() -> {
            graph.counted(length);
            for (int i = 0; i < length; i++) {
                Object element = element(source[i], where);
                if (element != null && !target.isInstance(element)) {
                    throw new Unmappable(where + ": an element of its " + target.getName() + "[] became a "
                            + element.getClass().getName());
                }
                copy[i] = element;
            }
        });
        return copy;
    }

    private Object atomic(Object value, String where) throws IllegalAccessException {
        Object made = value instanceof AtomicLong a ? new AtomicLong(a.get())
                : value instanceof AtomicInteger a ? new AtomicInteger(a.get())
                : value instanceof AtomicBoolean a ? new AtomicBoolean(a.get())
                : value instanceof LongAdder a ? adder(a.sum()) : null;
        if (made != null) {
            graph.mapped(value, made);
            return made;
        }
        if (value instanceof AtomicReference<?> reference) {
            AtomicReference<Object> copy = new AtomicReference<>();
            graph.mapped(value, copy);
            graph.later(() -> copy.set(element(reference.get(), where)));
            return copy;
        }
        if (value instanceof Optional<?> optional) {
            Optional<Object> copy = Optional.ofNullable(optional.isPresent() ? element(optional.get(), where) : null);
            graph.mapped(value, copy);
            return copy;
        }
        return null;
    }

    private static LongAdder adder(long sum) {
        LongAdder adder = new LongAdder();
        adder.add(sum);
        return adder;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Shell shell(Object value, String where) throws IllegalAccessException {
        Class<?> type = value.getClass();
        Comparator<?> order = value instanceof SortedMap<?, ?> m ? m.comparator()
                : value instanceof SortedSet<?> s ? s.comparator()
                : value instanceof PriorityQueue<?> q ? q.comparator() : null;
        if (Kinds.jdk(type) && Modifier.isPublic(type.getModifiers())) {
            try {
                if (order != null) {
                    Object comparator = comparator(order, where);
                    return same(type.getConstructor(Comparator.class).newInstance(comparator));
                }
                return same(type.getConstructor().newInstance());
            } catch (NoSuchMethodException e) {
                // no such constructor: treated as a view below
            } catch (ReflectiveOperationException e) {
                throw new Unmappable(where + ": cannot create a " + type.getName() + ": " + e);
            }
        }
        String name = type.getName();
        boolean synchronizedView = name.contains("Synchronized");
        if (name.equals("java.util.Arrays$ArrayList")) {
            Object[] backing = new Object[((List<?>) value).size()];
            return new Shell(Arrays.asList(backing), backing);
        }
        if (value instanceof SortedMap || value instanceof SortedSet) {
            Object comparator = order == null ? null : comparator(order, where);
            if (value instanceof SortedMap) {
                TreeMap inner = new TreeMap((Comparator) comparator);
                return new Shell(synchronizedView ? Collections.synchronizedSortedMap(inner)
                        : Collections.unmodifiableSortedMap(inner), inner);
            }
            TreeSet inner = new TreeSet((Comparator) comparator);
            return new Shell(synchronizedView ? Collections.synchronizedSortedSet(inner)
                    : Collections.unmodifiableSortedSet(inner), inner);
        }
        if (value instanceof Map) {
            Map inner = new LinkedHashMap();
            return new Shell(synchronizedView ? Collections.synchronizedMap(inner) : Collections.unmodifiableMap(inner),
                    inner);
        }
        if (value instanceof Set) {
            Set inner = new LinkedHashSet();
            return new Shell(synchronizedView ? Collections.synchronizedSet(inner) : Collections.unmodifiableSet(inner),
                    inner);
        }
        if (value instanceof List && Kinds.jdk(type)) {
            List inner = new ArrayList();
            return new Shell(synchronizedView ? Collections.synchronizedList(inner)
                    : Collections.unmodifiableList(inner), inner);
        }
        throw new Unmappable(where + " holds a " + name + ", a container automatic transfer cannot re-create;"
                + " use a java.util collection, or initialise the new version's field with one (the platform fills"
                + " it)");
    }

    private static Shell same(Object container) {
        return new Shell(container, container);
    }

    private Object comparator(Comparator<?> order, String where) throws IllegalAccessException {
        if (Kinds.jdk(order.getClass()) && !Kinds.lambda(order.getClass())) {
            return order; // the JDK's own orders (reverseOrder, CASE_INSENSITIVE_ORDER) hold no state
        }
        Object mapped = graph.map(order, where);
        if (mapped == GraphCopy.NOT_CARRIED) {
            throw new Unmappable(where + " is sorted by a lambda or method reference of the old version; initialise"
                    + " the new version's field with its own sorted collection (the platform fills it)");
        }
        return mapped;
    }

    /** Fills a target container with the source container's elements, mapped. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void fill(Object source, Object target, String where) throws IllegalAccessException {
        graph.counted(source instanceof Map<?, ?> map ? map.size() : ((Collection<?>) source).size());
        if (target instanceof Object[] backing) { // Arrays.asList
            int i = 0;
            for (Object element : (List<?>) source) {
                backing[i++] = element(element, where);
            }
            return;
        }
        if (source instanceof Map<?, ?> map) {
            Object[] entries = new Object[map.size() * 2];
            int i = 0;
            boolean objectKeys = false;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object key = element(entry.getKey(), where);
                objectKeys |= key != null && !Kinds.immutable(key.getClass()) && !(key instanceof Enum);
                entries[i++] = key;
                entries[i++] = element(entry.getValue(), where);
            }
            Map into = (Map) target;
            GraphCopy.Task put = () -> {
                for (int k = 0; k < entries.length; k += 2) {
                    into.put(entries[k], entries[k + 1]);
                }
            };
            if (objectKeys && !(target instanceof IdentityHashMap)) {
                graph.insertLater(put); // hash codes and order may depend on fields not filled yet
            } else {
                put.run();
            }
            return;
        }
        Collection<?> elements = (Collection<?>) source;
        Collection into = (Collection) target;
        boolean ordered = into instanceof List || into instanceof java.util.Deque
                && !(into instanceof java.util.concurrent.BlockingQueue);
        if (ordered) {
            for (Object element : elements) {
                into.add(element(element, where));
            }
            return;
        }
        Object[] copies = new Object[elements.size()];
        int i = 0;
        boolean objects = false;
        for (Object element : elements) {
            Object copy = element(element, where);
            objects |= copy != null && !Kinds.immutable(copy.getClass()) && !(copy instanceof Enum);
            copies[i++] = copy;
        }
        GraphCopy.Task add = () -> into.addAll(Arrays.asList(copies));
        if (objects) {
            graph.insertLater(add);
        } else {
            add.run();
        }
    }

    private Object element(Object element, String where) throws IllegalAccessException {
        Object mapped = graph.map(element, where);
        if (mapped == GraphCopy.NOT_CARRIED) {
            throw new Unmappable(where + " holds a " + element.getClass().getName() + " among its elements, which"
                    + " cannot be carried (a resource, a lambda or another bundle's object); keep values in it, or mark"
                    + " the field @Transient");
        }
        return mapped;
    }
}
