package io.liveswap.mediator.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates and deep-copies a state graph: maps with {@code String} keys, lists, {@code byte[]} and JDK value
 * types only, so that neither version of a unit ever sees an object of the other version's classes.
 */
final class StateGraph {

    /** A state graph and the number of values in it. */
    record Copy(Map<String, Object> graph, long values) {
    }

    private long values;

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
        Map<String, Object> copy = copier.map(what, "$", graph);
        return new Copy(copy, copier.values);
    }

    private Map<String, Object> map(String what, String path, Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException(what + ": key " + entry.getKey() + " at " + path
                        + " is not a String; state maps have String keys");
            }
            copy.put(key, value(what, path + "." + key, entry.getValue()));
        }
        return Collections.unmodifiableMap(copy);
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
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(value(what, path + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException(what + ": value at " + path + " is a " + value.getClass().getName()
                + "; state may hold only Strings, numbers, booleans, characters, byte[], Lists and Maps of them,"
                + " so that the other version can read it without this version's classes");
    }
}
