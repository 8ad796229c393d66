package io.liveswap.mediator.transfer;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

/** The automatic mapper between two versions of a unit's classes (compiled at test time, two class loaders). */
public class AutoTransferTest {

    static Object get(Object object, String name) {
        for (Class<?> c = object.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(object);
            } catch (NoSuchFieldException e) {
                continue;
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static AutoTransfer.Outcome carry(TwoVersions.Version from, TwoVersions.Version to, String rootFrom,
            Object source, Object target) {
        AutoTransfer transfer = TwoVersions.transfer(from, to, true);
        transfer.check(from.type(rootFrom), target.getClass());
        return transfer.copy(source, target);
    }

    @Test
    public void widensPrimitivesAndBoxes() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", """
                package u;
                public class Unit {
                    int count = 41; float ratio = 0.5f; Integer boxed = 7; int toBoxed = 3; short small = 2;
                    char letter = 'a'; long big = 1L << 40;
                }""");
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", """
                package u;
                public class Unit { long count; double ratio; long boxed; Long toBoxed; int small; int letter; double big; }""");
        Object target = v2.create("u.Unit");
        carry(v1, v2, "u.Unit", v1.create("u.Unit"), target);
        assertEquals(41L, get(target, "count"));
        assertEquals(0.5d, get(target, "ratio"));
        assertEquals(7L, get(target, "boxed"));
        assertEquals(3L, get(target, "toBoxed"));
        assertEquals(2, get(target, "small"));
        assertEquals((int) 'a', get(target, "letter"));
        assertEquals((double) (1L << 40), get(target, "big"));
    }

    @Test
    public void narrowingIsRefusedBeforeTheCopyNamingTheField() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", "package u; public class Unit { long count = 5; }");
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", "package u; public class Unit { int count; }");
        Unmappable refused = assertThrows(Unmappable.class,
                () -> TwoVersions.transfer(v1, v2, true).check(v1.type("u.Unit"), v2.type("u.Unit")));
        assertTrue(refused.getMessage(), refused.getMessage().contains("u.Unit.count"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("@Derive(\"count\")"));
    }

    @Test
    public void incompatibleTypeIsRefused() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", "package u; public class Unit { String code = \"7\"; }");
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", "package u; public class Unit { java.util.List<String> code; }");
        Unmappable refused = assertThrows(Unmappable.class,
                () -> TwoVersions.transfer(v1, v2, true).check(v1.type("u.Unit"), v2.type("u.Unit")));
        assertTrue(refused.getMessage(), refused.getMessage().contains("field u.Unit.code"));
    }

    @Test
    public void collectionsMapsAndArraysAreCopiedDeeplyWithTheirElementsMapped() {
        String item = """
                package u;
                public class Item {
                    String name; int qty;
                    Item() {}
                    Item(String name, int qty) { this.name = name; this.qty = qty; }
                    @Override public boolean equals(Object o) { return o instanceof Item i && i.name.equals(name); }
                    @Override public int hashCode() { return name.hashCode(); }
                }""";
        TwoVersions.Version v1 = TwoVersions.compile("u.Item", item, "u.Unit", """
                package u;
                import java.util.*;
                public class Unit {
                    final List<Item> items = new ArrayList<>();
                    Map<String, Item> byName = new HashMap<>();
                    Set<Item> set = new HashSet<>();
                    Item[] array;
                    TreeMap<String, Integer> sorted = new TreeMap<>(Comparator.reverseOrder());
                    List<String> fixed = List.of("x", "y");
                    int[] numbers = {1, 2, 3};
                    public Unit() {
                        Item a = new Item("a", 1), b = new Item("b", 2);
                        items.add(a); items.add(b); byName.put("a", a); set.add(b); array = new Item[] {b, a};
                        sorted.put("k1", 1); sorted.put("k2", 2);
                    }
                }""");
        TwoVersions.Version v2 = TwoVersions.compile("u.Item", item.replace("int qty;", "long qty; String note = \"new\";"),
                "u.Unit", """
                package u;
                import java.util.*;
                public class Unit {
                    final List<Item> items = new LinkedList<>();
                    Map<String, Item> byName; Set<Item> set; Item[] array; TreeMap<String, Integer> sorted;
                    List<String> fixed; int[] numbers;
                }""");
        Object source = v1.create("u.Unit");
        Object target = v2.create("u.Unit");
        AutoTransfer.Outcome outcome = carry(v1, v2, "u.Unit", source, target);

        List<?> items = (List<?>) get(target, "items");
        assertEquals("the new version's own (LinkedList) field is filled", "java.util.LinkedList",
                items.getClass().getName());
        Object a = items.get(0);
        assertSame(v2.type("u.Item"), a.getClass());
        assertEquals("a", get(a, "name"));
        assertEquals(1L, get(a, "qty"));
        assertEquals("an added field keeps its initial value", "new", get(a, "note"));
        assertSame("shared references stay shared", a, ((Map<?, ?>) get(target, "byName")).get("a"));
        assertSame(items.get(1), ((Set<?>) get(target, "set")).iterator().next());
        assertTrue(((Set<?>) get(target, "set")).contains(items.get(1)));
        Object[] array = (Object[]) get(target, "array");
        assertSame(v2.type("u.Item"), array.getClass().getComponentType());
        assertSame(items.get(1), array[0]);
        assertEquals(List.of("k2", "k1"), List.copyOf(((Map<?, ?>) get(target, "sorted")).keySet()));
        assertEquals(List.of("x", "y"), get(target, "fixed"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<String>) get(target, "fixed")).add("z"));
        assertNotSame(get(source, "numbers"), get(target, "numbers"));
        assertEquals(2, ((int[]) get(target, "numbers"))[1]);
        assertTrue("values: " + outcome.values(), outcome.values() >= 20);
        assertNotSame(get(source, "items"), items);
    }

    @Test
    public void cyclesCloseAndLongChainsDoNotOverflowTheStack() {
        String node = "package u; public class Node { int id; Node next; Node() {} Node(int id) { this.id = id; } }";
        TwoVersions.Version v1 = TwoVersions.compile("u.Node", node, "u.Unit", """
                package u;
                public class Unit {
                    Node ring; Node chain;
                    public Unit() {
                        Node a = new Node(1), b = new Node(2), c = new Node(3);
                        a.next = b; b.next = c; c.next = a; ring = a;
                        Node head = new Node(0); chain = head;
                        for (int i = 1; i < 200_000; i++) { head.next = new Node(i); head = head.next; }
                    }
                }""");
        TwoVersions.Version v2 = TwoVersions.compile("u.Node", node, "u.Unit",
                "package u; public class Unit { Node ring; Node chain; }");
        Object target = v2.create("u.Unit");
        carry(v1, v2, "u.Unit", v1.create("u.Unit"), target);
        Object ring = get(target, "ring");
        assertSame(v2.type("u.Node"), ring.getClass());
        assertSame("the cycle closes on the copy", ring, get(get(get(ring, "next"), "next"), "next"));
        assertEquals(3, get(get(get(ring, "next"), "next"), "id"));
        Object at = get(target, "chain");
        int length = 0;
        while (at != null) {
            assertEquals(length++, get(at, "id"));
            at = get(at, "next");
        }
        assertEquals(200_000, length);
    }

    @Test
    public void aRenamedClassNeedsOneLine() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Item", "package u; public class Item { String name = \"bolt\"; }",
                "u.Unit", "package u; public class Unit { Item item = new Item(); java.util.List<Item> all = new java.util.ArrayList<>(java.util.List.of(item)); }");
        TwoVersions.Version v2 = TwoVersions.compile("u.StockItem",
                "package u; @io.liveswap.state.FormerName(\"u.Item\") public class StockItem { String name; }",
                "u.Unit", "package u; public class Unit { StockItem item; java.util.List<StockItem> all; }");
        Object target = v2.create("u.Unit");
        carry(v1, v2, "u.Unit", v1.create("u.Unit"), target);
        assertSame(v2.type("u.StockItem"), get(target, "item").getClass());
        assertEquals("bolt", get(get(target, "item"), "name"));
        assertSame(get(target, "item"), ((List<?>) get(target, "all")).get(0));

        TwoVersions.Version without = TwoVersions.compile("u.StockItem", "package u; public class StockItem { String name; }",
                "u.Unit", "package u; public class Unit { StockItem item; }");
        Unmappable refused = assertThrows(Unmappable.class,
                () -> TwoVersions.transfer(v1, without, true).check(v1.type("u.Unit"), without.type("u.Unit")));
        assertTrue(refused.getMessage(), refused.getMessage().contains("class u.Item"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("@FormerName(\"u.Item\")"));
    }

    @Test
    public void droppedFieldsAreReportedAndAddedOnesKeepTheirInitialValue() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", "package u; public class Unit { int kept = 4; String gone = \"x\"; }");
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", "package u; public class Unit { int kept; int added = 9; }");
        Object target = v2.create("u.Unit");
        AutoTransfer.Outcome outcome = carry(v1, v2, "u.Unit", v1.create("u.Unit"), target);
        assertEquals(4, get(target, "kept"));
        assertEquals(9, get(target, "added"));
        assertEquals(List.of("u.Unit.gone"), outcome.dropped());
    }

    @Test
    public void resourcesAndTransientFieldsDoNotCross() {
        String unit = """
                package u;
                import java.util.concurrent.*;
                public class Unit {
                    final ExecutorService pool = Executors.newSingleThreadExecutor();
                    final Object lock = new Object();
                    @io.liveswap.state.Transient java.util.List<String> cache = new java.util.ArrayList<>(java.util.List.of("%s"));
                    transient int hits = %d;
                    Runnable task = () -> {};
                    int value = %d;
                }""";
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", unit.formatted("old", 5, 1));
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", unit.formatted("new", 0, 0));
        Object source = v1.create("u.Unit");
        Object target = v2.create("u.Unit");
        Object pool = get(target, "pool");
        Object task = get(target, "task");
        carry(v1, v2, "u.Unit", source, target);
        assertSame(pool, get(target, "pool"));
        assertSame(task, get(target, "task"));
        assertEquals(List.of("new"), get(target, "cache"));
        assertEquals(0, get(target, "hits"));
        assertEquals(1, get(target, "value"));
        ((java.util.concurrent.ExecutorService) get(source, "pool")).shutdown();
        ((java.util.concurrent.ExecutorService) pool).shutdown();
    }

    @Test
    public void valuesItCannotCopyAreRefusedNamingTheField() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", "package u; public class Unit { CharSequence text = new StringBuilder(\"x\"); }");
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", "package u; public class Unit { CharSequence text; }");
        Unmappable refused = assertThrows(Unmappable.class,
                () -> carry(v1, v2, "u.Unit", v1.create("u.Unit"), v2.create("u.Unit")));
        assertTrue(refused.getMessage(), refused.getMessage().contains("u.Unit.text"));
        assertTrue(refused.getMessage(), refused.getMessage().contains("java.lang.StringBuilder"));

        TwoVersions.Version l1 = TwoVersions.compile("u.Unit", "package u; public class Unit { java.util.List<Runnable> hooks = new java.util.ArrayList<>(java.util.List.of(() -> {})); }");
        TwoVersions.Version l2 = TwoVersions.compile("u.Unit", "package u; public class Unit { java.util.List<Runnable> hooks; }");
        Unmappable lambdas = assertThrows(Unmappable.class,
                () -> carry(l1, l2, "u.Unit", l1.create("u.Unit"), l2.create("u.Unit")));
        assertTrue(lambdas.getMessage(), lambdas.getMessage().contains("@Transient"));
    }

    @Test
    public void hooksDeriveFieldsUpwardsAndRestoreThemDownwards() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Slot",
                "package u; public class Slot { String location = \"4/12\"; }",
                "u.Unit", "package u; public class Unit { Slot slot = new Slot(); }");
        TwoVersions.Version v2 = TwoVersions.compile("u.Slot", """
                package u;
                import io.liveswap.state.*;
                public class Slot {
                    int aisle; long shelf;
                    @Derive("aisle") static int aisle(@From("location") String location) { return Integer.parseInt(location.split("/")[0]); }
                    @Derive("shelf") static int shelf(@From("location") String location) { return Integer.parseInt(location.split("/")[1]); }
                    @Restore("location") static String location(@From("aisle") int aisle, @From("shelf") long shelf) { return aisle + "/" + shelf; }
                }""", "u.Unit", "package u; public class Unit { Slot slot; }");
        Object up = v2.create("u.Unit");
        AutoTransfer.Outcome outcome = carry(v1, v2, "u.Unit", v1.create("u.Unit"), up);
        assertEquals(4, get(get(up, "slot"), "aisle"));
        assertEquals(12L, get(get(up, "slot"), "shelf"));
        assertEquals("location is read by the hooks, not dropped", List.of(), outcome.dropped());

        AutoTransfer down = TwoVersions.transfer(v2, v1, false);
        Object back = v1.create("u.Unit");
        down.check(v2.type("u.Unit"), v1.type("u.Unit"));
        AutoTransfer.Outcome rolledBack = down.copy(up, back);
        assertEquals("4/12", get(get(back, "slot"), "location"));
        assertEquals(List.of(), rolledBack.dropped());
    }

    @Test
    public void aHookThatThrowsFailsTheCopy() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", "package u; public class Unit { String location = \"x\"; }");
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", """
                package u;
                public class Unit {
                    int aisle;
                    @io.liveswap.state.Derive("aisle") static int aisle(@io.liveswap.state.From("location") String l) { return Integer.parseInt(l); }
                }""");
        HookFailed failed = assertThrows(HookFailed.class,
                () -> carry(v1, v2, "u.Unit", v1.create("u.Unit"), v2.create("u.Unit")));
        assertTrue(failed.getMessage(), failed.getMessage().contains("u.Unit.aisle"));
    }

    @Test
    public void recordsEnumsAndDownwardMapping() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Point", "package u; public record Point(int x, int y) {}",
                "u.Color", "package u; public enum Color { RED, GREEN }",
                "u.Unit", "package u; public class Unit { Point p = new Point(1, 2); Color c = Color.GREEN; java.util.Map<Color, Point> m = new java.util.EnumMap<>(Color.class); { m.put(Color.RED, p); } }");
        TwoVersions.Version v2 = TwoVersions.compile("u.Point", "package u; public record Point(long x, long y, String label) {}",
                "u.Color", "package u; public enum Color { RED, GREEN, BLUE }",
                "u.Unit", "package u; public class Unit { Point p; Color c; java.util.Map<Color, Point> m = new java.util.HashMap<>(); String added = \"a\"; }");
        Object up = v2.create("u.Unit");
        carry(v1, v2, "u.Unit", v1.create("u.Unit"), up);
        Object p = get(up, "p");
        assertEquals(1L, get(p, "x"));
        assertNull(get(p, "label"));
        assertEquals("GREEN", get(up, "c").toString());
        assertSame(v2.type("u.Color"), get(up, "c").getClass());
        assertSame(p, ((Map<?, ?>) get(up, "m")).values().iterator().next());

        Object down = v1.create("u.Unit");
        AutoTransfer back = TwoVersions.transfer(v2, v1, false);
        back.check(v2.type("u.Unit"), v1.type("u.Unit"));
        AutoTransfer.Outcome rolledBack = back.copy(up, down);
        assertEquals("a rollback narrows a value that fits", 1, get(get(down, "p"), "x"));
        assertEquals(List.of("u.Point.label", "u.Unit.added"), rolledBack.dropped());
    }

    @Test
    public void aRollbackNarrowsOnlyValuesThatFit() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", "package u; public class Unit { int count; }");
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", "package u; public class Unit { long count = 1L << 40; }");
        AutoTransfer back = TwoVersions.transfer(v2, v1, false);
        back.check(v2.type("u.Unit"), v1.type("u.Unit"));
        Unmappable refused = assertThrows(Unmappable.class, () -> back.copy(v2.create("u.Unit"), v1.create("u.Unit")));
        assertTrue(refused.getMessage(), refused.getMessage().contains("u.Unit.count"));
    }

    @Test
    public void aHookReadsTheCompleteValueOfAFieldFilledInPlace() {
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", """
                package u;
                public class Unit { final java.util.List<String> notes = new java.util.ArrayList<>(java.util.List.of("a", "b", "c")); }""");
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", """
                package u;
                import io.liveswap.state.*;
                public class Unit {
                    final java.util.List<String> notes = new java.util.ArrayList<>();
                    int count;
                    @Derive("count") static int count(@From("notes") java.util.List<String> notes) { return notes.size(); }
                }""");
        Object target = v2.create("u.Unit");
        carry(v1, v2, "u.Unit", v1.create("u.Unit"), target);
        assertEquals(List.of("a", "b", "c"), get(target, "notes"));
        assertEquals(3, get(target, "count"));
    }

    @Test
    public void aFieldDeclaredObjectCarriesItsDataButAMonitorStays() {
        String unit = "package u; public class Unit { Object data = %s; final Object lock = new Object(); }";
        TwoVersions.Version v1 = TwoVersions.compile("u.Unit", unit.formatted("\"kept\""));
        TwoVersions.Version v2 = TwoVersions.compile("u.Unit", unit.formatted("null"));
        Object target = v2.create("u.Unit");
        Object lock = get(target, "lock");
        carry(v1, v2, "u.Unit", v1.create("u.Unit"), target);
        assertEquals("kept", get(target, "data"));
        assertSame(lock, get(target, "lock"));
    }

    @Test
    public void theSameVersionAgainIsCopiedByNameNotThroughItsHooks() {
        String slot = """
                package u;
                import io.liveswap.state.*;
                public class Unit {
                    int aisle = %d;
                    @Derive("aisle") static int aisle(@From("location") String location) { return -1; }
                }""";
        TwoVersions.Version first = TwoVersions.compile("u.Unit", slot.formatted(4));
        TwoVersions.Version again = TwoVersions.compile("u.Unit", slot.formatted(0));
        Object target = again.create("u.Unit");
        carry(first, again, "u.Unit", first.create("u.Unit"), target);
        assertEquals(4, get(target, "aisle"));
    }
}
