package io.liveswap.core.proxy;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

import io.liveswap.api.UnitUnavailableException;
import io.liveswap.spi.QuiescenceMode;

/** The semantics a consumer expects of a unit's proxy, checked against the generated class in both modes. */
@RunWith(Parameterized.class)
public class ProxySemanticsTest {

    @Parameters(name = "{0}")
    public static Object[] modes() {
        return QuiescenceMode.values();
    }

    @Parameter
    public QuiescenceMode mode;

    private UnitProxy create(String unit, List<Class<?>> interfaces) {
        return UnitProxy.create(unit, interfaces, mode);
    }

    public interface Files {
        String read(String name) throws IOException;

        void fail(RuntimeException e);

        void error(Error e);

        default String readOrDefault(String name, String fallback) {
            try {
                return read(name);
            } catch (IOException e) {
                return fallback;
            }
        }

        static String helper() {
            return "static";
        }
    }

    public interface Overloads {
        String f(int x);

        String f(long x);

        String f(String x);

        String f(int a, String b);

        String f(int... xs);

        long wide(long a, double b, int c, long d);
    }

    public interface Transform<T, R> {
        R apply(T t);
    }

    public interface Length extends Transform<String, Integer> {
        @Override
        Integer apply(String t);
    }

    public interface Comparing {
        @Override
        boolean equals(Object other);

        int compare(int a, int b);
    }

    static class FilesImpl implements Files {
        @Override
        public String read(String name) throws IOException {
            if (name.isEmpty()) {
                throw new IOException("no name");
            }
            return "content of " + name;
        }

        @Override
        public void fail(RuntimeException e) {
            throw e;
        }

        @Override
        public void error(Error e) {
            throw e;
        }
    }

    static final class OverridingDefault extends Object implements Files {
        @Override
        public String read(String name) throws IOException {
            throw new IOException("always");
        }

        @Override
        public void fail(RuntimeException e) {
        }

        @Override
        public void error(Error e) {
        }

        @Override
        public String readOrDefault(String name, String fallback) {
            return "overridden:" + fallback;
        }
    }

    static final class OverloadsImpl implements Overloads {
        public String f(int x) {
            return "int " + x;
        }

        public String f(long x) {
            return "long " + x;
        }

        public String f(String x) {
            return "String " + x;
        }

        public String f(int a, String b) {
            return "int,String " + a + b;
        }

        public String f(int... xs) {
            return "varargs " + xs.length;
        }

        public long wide(long a, double b, int c, long d) {
            return a + (long) b + c + d;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> iface, Object target) {
        UnitProxy p = create("test", List.of(iface));
        p.retarget(target);
        return (T) p.proxy();
    }

    @Test
    public void checkedExceptionPropagatesUnchanged() {
        Files files = proxy(Files.class, new FilesImpl());
        IOException e = assertThrows(IOException.class, () -> files.read(""));
        assertEquals("no name", e.getMessage());
    }

    @Test
    public void uncheckedExceptionAndErrorPropagateAsTheSameObject() {
        Files files = proxy(Files.class, new FilesImpl());
        IllegalStateException thrown = new IllegalStateException("boom");
        assertSame(thrown, assertThrows(IllegalStateException.class, () -> files.fail(thrown)));
        AssertionError error = new AssertionError("err");
        assertSame(error, assertThrows(AssertionError.class, () -> files.error(error)));
        // never wrapped the way java.lang.reflect.Proxy wraps undeclared checked exceptions
        assertThrows(IllegalStateException.class, () -> files.fail(new IllegalStateException()));
        assertTrue(!UndeclaredThrowableException.class.isInstance(thrown));
    }

    @Test
    public void generatedMethodsDeclareTheInterfaceExceptions() throws Exception {
        Files files = proxy(Files.class, new FilesImpl());
        Method read = files.getClass().getMethod("read", String.class);
        assertArrayEquals(new Class<?>[] {IOException.class}, read.getExceptionTypes());
    }

    @Test
    public void defaultMethodRunsTheTargetsVersion() throws Exception {
        Files inherited = proxy(Files.class, new FilesImpl());
        assertEquals("content of a", inherited.readOrDefault("a", "x"));
        assertEquals("x", inherited.readOrDefault("", "x"));
        Files overriding = proxy(Files.class, new OverridingDefault());
        assertEquals("overridden:x", overriding.readOrDefault("a", "x"));
        assertEquals("static", Files.helper());
    }

    @Test
    public void overloadsAreDispatchedByExactSignature() {
        Overloads o = proxy(Overloads.class, new OverloadsImpl());
        assertEquals("int 1", o.f(1));
        assertEquals("long 2", o.f(2L));
        assertEquals("String s", o.f("s"));
        assertEquals("int,String 3x", o.f(3, "x"));
        assertEquals("varargs 3", o.f(1, 2, 3));
        assertEquals(1L + 2L + 3 + 4L, o.wide(1L, 2.0, 3, 4L));
    }

    @Test
    public void varargsFlagIsKept() throws Exception {
        Overloads o = proxy(Overloads.class, new OverloadsImpl());
        assertTrue(o.getClass().getMethod("f", int[].class).isVarArgs());
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void genericInterfaceWorksThroughErasureAndBridge() {
        Length length = proxy(Length.class, (Length) String::length);
        assertEquals(Integer.valueOf(5), length.apply("hello"));
        Transform raw = length;
        assertEquals(3, raw.apply("abc"));
        Function<String, String> upper = proxy(Function.class, (Function<String, String>) String::toUpperCase);
        assertEquals("ABC", upper.apply("abc"));
        assertEquals("ABC!", upper.andThen(s -> s + "!").apply("abc"));
    }

    @Test
    public void manyMethodsAllForward() throws Exception {
        Class<?> many = ManyMethods.class;
        ManyMethods target = ManyMethods.implementation();
        ManyMethods p = proxy(ManyMethods.class, target);
        int forwarded = 0;
        for (Method m : many.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            forwarded++;
            int n = Integer.parseInt(m.getName().substring(1));
            assertEquals(n, m.invoke(p));
        }
        assertEquals(ManyMethods.COUNT, forwarded);
    }

    @Test
    public void equalsAndHashCodeAreTheProxysIdentityAndSurviveRetarget() {
        UnitProxy unit = create("comparing", List.of(Comparing.class));
        unit.retarget((Comparing) Integer::compare);
        Comparing p = (Comparing) unit.proxy();
        int hash = p.hashCode();
        Set<Object> held = new HashSet<>(Set.of(p));
        unit.retarget((Comparing) (a, b) -> Integer.compare(b, a));
        assertEquals(hash, p.hashCode());
        assertTrue(held.contains(p));
        assertTrue(p.equals(p));
        assertNotEquals(p, unit.target());
        assertEquals(-1, p.compare(2, 1));
    }

    @Test
    public void toStringNamesUnitAndTarget() {
        UnitProxy unit = create("files", List.of(Files.class));
        assertTrue(unit.proxy().toString(), unit.proxy().toString().contains("unit=files, target=unavailable"));
        unit.retarget(new FilesImpl());
        assertTrue(unit.proxy().toString(), unit.proxy().toString().contains(FilesImpl.class.getName()));
    }

    @Test
    public void unavailableUnitFailsFastNamingTheUnit() {
        UnitProxy unit = create("files", List.of(Files.class));
        Files files = (Files) unit.proxy();
        UnitUnavailableException e = assertThrows(UnitUnavailableException.class, () -> files.read("x"));
        assertEquals("files", e.unit());
        assertTrue(e.getMessage(), e.getMessage().contains("Start or install"));
        assertNull(unit.target());
    }

    @Test
    public void retargetReachesTheNewImplementationAndRefusesStrangers() throws Exception {
        UnitProxy unit = create("files", List.of(Files.class));
        unit.retarget(new FilesImpl());
        Files files = (Files) unit.proxy();
        assertEquals("content of a", files.read("a"));
        unit.retarget(new OverridingDefault());
        assertThrows(IOException.class, () -> files.read("a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> unit.retarget("a string"));
        assertTrue(e.getMessage(), e.getMessage().contains("does not implement"));
        unit.retargetUnavailable(null);
        UnitUnavailableException usual = assertThrows(UnitUnavailableException.class, () -> files.read("a"));
        assertTrue(usual.getMessage(), usual.getMessage().contains("has no implementation"));
        unit.retargetUnavailable("out of service: the reason and the remedy");
        UnitUnavailableException given = assertThrows(UnitUnavailableException.class, () -> files.read("a"));
        assertEquals("out of service: the reason and the remedy", given.getMessage());
        unit.retarget(new FilesImpl());
        assertEquals("content of a", files.read("a"));
        unit.retargetUnavailable(null); // a reason given once does not stick to later outages
        usual = assertThrows(UnitUnavailableException.class, () -> files.read("a"));
        assertTrue(usual.getMessage(), usual.getMessage().contains("has no implementation"));
    }

    @Test
    public void severalInterfacesAreImplementedAndForwarded() throws Exception {
        final class Both extends FilesImpl implements Overloads {
            final OverloadsImpl o = new OverloadsImpl();

            public String f(int x) {
                return o.f(x);
            }

            public String f(long x) {
                return o.f(x);
            }

            public String f(String x) {
                return o.f(x);
            }

            public String f(int a, String b) {
                return o.f(a, b);
            }

            public String f(int... xs) {
                return o.f(xs);
            }

            public long wide(long a, double b, int c, long d) {
                return o.wide(a, b, c, d);
            }
        }
        UnitProxy unit = create("both", List.of(Files.class, Overloads.class));
        unit.retarget(new Both());
        assertEquals("content of z", ((Files) unit.proxy()).read("z"));
        assertEquals("int 7", ((Overloads) unit.proxy()).f(7));
    }

    @Test
    public void nonPublicInterfaceIsRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> create("hidden", List.of(Hidden.class)));
        assertTrue(e.getMessage(), e.getMessage().contains("not a public interface"));
    }

    interface Hidden {
        void x();
    }
}
