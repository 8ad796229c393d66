package io.liveswap.mediator.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

/** What a state graph may hold, and that the copy shares nothing mutable with the original. */
public class StateGraphTest {

    @Test
    public void plainValuesAreCopiedAndCounted() {
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("name", "notebook");
        graph.put("count", 2);
        graph.put("total", 2L);
        graph.put("ratio", 0.5d);
        graph.put("flag", true);
        graph.put("letter", 'x');
        graph.put("big", BigInteger.TEN);
        graph.put("exact", new BigDecimal("1.50"));
        graph.put("nothing", null);
        graph.put("notes", List.of("a", List.of("b", "c")));
        graph.put("nested", Map.of("k", (short) 1));

        StateGraph.Copy copy = StateGraph.copy("test state", graph);

        assertEquals(graph, copy.graph());
        assertEquals(9 + 5 + 2, copy.values()); // 9 scalars; a list, "a", a list, "b", "c"; a map, its value
        assertEquals(List.copyOf(graph.keySet()), List.copyOf(copy.graph().keySet())); // order kept
    }

    @Test
    public void theCopyIsDeepAndUnmodifiable() {
        List<Object> notes = new ArrayList<>(List.of("a"));
        Map<String, Object> inner = new HashMap<>(Map.of("k", 1));
        byte[] bytes = {1, 2, 3};
        Map<String, Object> graph = new HashMap<>(Map.of("notes", notes, "inner", inner, "bytes", bytes));

        StateGraph.Copy copy = StateGraph.copy("test state", graph);
        notes.add("b");
        inner.put("k", 2);
        bytes[0] = 9;
        graph.put("later", "x");

        assertEquals(List.of("a"), copy.graph().get("notes"));
        assertEquals(Map.of("k", 1), copy.graph().get("inner"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) copy.graph().get("bytes"));
        assertEquals(3, copy.graph().size());
        assertThrows(UnsupportedOperationException.class, () -> copy.graph().put("x", 1));
        @SuppressWarnings("unchecked")
        List<Object> copiedNotes = (List<Object>) copy.graph().get("notes");
        assertThrows(UnsupportedOperationException.class, () -> copiedNotes.add("c"));
        @SuppressWarnings("unchecked")
        Map<String, Object> copiedInner = (Map<String, Object>) copy.graph().get("inner");
        assertThrows(UnsupportedOperationException.class, () -> copiedInner.put("k", 3));
    }

    @Test
    public void aNullGraphIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> StateGraph.copy("test state", null));
    }

    @Test
    public void anObjectOfAUnitsOwnClassIsRefusedNamingItsPath() {
        Map<String, Object> graph = Map.of("notes", List.of("a", Map.of("owner", new StringBuilder("me"))));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateGraph.copy("test state", graph));

        assertTrue(e.getMessage(), e.getMessage().contains("$.notes[1].owner"));
        assertTrue(e.getMessage(), e.getMessage().contains(StringBuilder.class.getName()));
    }

    @Test
    public void collectionsOtherThanListsAndMapsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> StateGraph.copy("test state", Map.of("tags", java.util.Set.of("a"))));
        assertThrows(IllegalArgumentException.class,
                () -> StateGraph.copy("test state", Map.of("ints", new int[] {1})));
    }

    @Test
    public void aKeyThatIsNotAStringIsRefused() {
        Map<String, Object> graph = Map.of("byId", Map.of(1, "one"));

        assertThrows(IllegalArgumentException.class, () -> StateGraph.copy("test state", graph));
    }

    @Test
    public void aValueReachedTwiceIsCopiedTwiceAndNoLongerShared() {
        List<Object> shared = new ArrayList<>(List.of("a"));
        Map<String, Object> graph = new LinkedHashMap<>();
        graph.put("first", shared);
        graph.put("second", shared);

        StateGraph.Copy copy = StateGraph.copy("test state", graph);

        assertEquals(copy.graph().get("first"), copy.graph().get("second"));
        assertNotSame(copy.graph().get("first"), copy.graph().get("second"));
        assertEquals(4, copy.values()); // each occurrence counts: a list and its element, twice
    }

    @Test
    public void aCycleIsRefusedNamingItsPath() {
        Map<String, Object> graph = new HashMap<>();
        List<Object> list = new ArrayList<>();
        list.add(Map.of("n", 1));
        list.add(graph); // the root again, two levels down
        graph.put("items", list);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateGraph.copy("test state", graph));
        assertTrue(e.getMessage(), e.getMessage().contains("$.items[1] contains itself"));
    }

    @Test
    public void aGraphDeeperThanTheStackIsRefusedNotAnError() {
        List<Object> root = new ArrayList<>();
        List<Object> inner = root;
        for (int i = 0; i < 1_000_000; i++) {
            List<Object> next = new ArrayList<>();
            inner.add(next);
            inner = next;
        }
        Map<String, Object> graph = Map.of("deep", root);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StateGraph.copy("test state", graph));
        assertTrue(e.getMessage(), e.getMessage().contains("nested too deeply"));
    }
}
