package io.liveswap.mediator.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates and deep-copies a state graph: maps with {@code String} keys, lists, {@code byte[]} and JDK value
 * types only, so that neither version of a unit ever sees an object of the other version's classes. A map or list
 * met twice is copied twice (the graph is a tree of values); one that contains itself (a cycle) or a graph nested
 * deeper than the stack allows is refused with a message, never a {@code StackOverflowError}.
 */
final class StateGraph {

    /**
     * A state graph, the number of values in it, and the state format of the version that exported it
     * ({@code null} when not known).
     */
    record Copy(Map<String, Object> graph, long values, String format) {
        Copy(Map<String, Object> graph, long values) {
            this(graph, values, null);
        }

        Copy withFormat(String exportedFormat) {
            return new Copy(graph, values, exportedFormat);
        }
    }

    private long values;
    /** The maps and lists on the path from the root to the value being copied, by identity: a cycle's witness. */
    private final Set<Object> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());

    private StateGraph() {
    }

    /**
     * @param what names the graph in messages (e.g. "state exported by version 1.0.0")
     * @throws IllegalArgumentException naming the path and the class of the first value that is not allowed
     */
    static Copy copy(String what, Map<String, Object> graph) {
        if (graph == null) {
            throw new IllegalArgumentException(what + " is null; return an empty map for a unit without state");
        }
        StateGraph copier = new StateGraph();
        try {
            Map<String, Object> copy = copier.map(what, "$", graph);
            return new Copy(copy, copier.values);
        } catch (StackOverflowError deep) {
            throw new IllegalArgumentException(what + " is nested too deeply to copy (over the thread's stack);"
                    + " flatten it, e.g. a list of entries instead of nested maps");
        }
    }

    private Map<String, Object> map(String what, String path, Map<?, ?> map) {
        enter(what, path, map);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(what + ": key " + entry.getKey() + " at " + path
                        + " is not a String; state maps have String keys");
            }
            copy.put(key, value(what, path + "." + key, entry.getValue()));
        }
        ancestors.remove(map);
        return Collections.unmodifiableMap(copy);
    }

    private void enter(String what, String path, Object container) {
        if (!ancestors.add(container)) {
            throw new IllegalArgumentException(what + ": the value at " + path + " contains itself (a cycle); state"
                    + " must be a tree of values: replace the back reference with a key or an index");
        }
    }

    private Object value(String what, String path, Object value) {
        values++;
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Character
                || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Float || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (value instanceof Map<?, ?> map) {
            return map(what, path, map);
        }
        if (value instanceof List<?> list) {
            enter(what, path, list);
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(value(what, path + "[" + i + "]", list.get(i)));
            }
            ancestors.remove(list);
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(what + ": value at " + path + " is a " + value.getClass().getName()
                + "; state may hold only Strings, numbers, booleans, characters, byte[], Lists and Maps of them,"
                + " so that the other version can read it without this version's classes");
    }
}
