package io.liveswap.core.adapter;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.Test;

import io.liveswap.api.TranslatesException;

/** Generated adapters: what they forward, what they refuse to plan, and how exceptions cross them. */
public class AdapterTest {

    /** The face: what an old consumer was compiled against. */
    public interface Old {
        long wide(long a, double b, int c);

        String join(String... parts);

        int[] twice(int[] xs);

        Old self();

        String read(String name) throws IOException;

        void sneaky(Throwable t);
    }

    /** The new copy, same methods plus one. */
    public interface New {
        long wide(long a, double b, int c);

        String join(String... parts);

        int[] twice(int[] xs);

        Old self();

        String read(String name) throws IOException;

        void sneaky(Throwable t);

        String added();
    }

    static class Impl implements New, Old {
        @Override
        public long wide(long a, double b, int c) {
            return a + (long) b + c;
        }

        @Override
        public String join(String... parts) {
            return String.join("+", parts);
        }

        @Override
        public int[] twice(int[] xs) {
            return java.util.Arrays.stream(xs).map(x -> 2 * x).toArray();
        }

        @Override
        public Old self() {
            return this;
        }

        @Override
        public String read(String name) throws IOException {
            throw new IOException("no " + name);
        }

        @Override
        public void sneaky(Throwable t) {
            throwUnchecked(t);
        }

        @SuppressWarnings("unchecked")
        static <T extends Throwable> void throwUnchecked(Throwable t) throws T {
            throw (T) t;
        }

        @Override
        public String added() {
            return "added";
        }

        @Override
        public String toString() {
            return "the impl";
        }
    }

    private static Old adapt(Object target) {
        Adapter.Plan plan = Adapter.plan(List.of(Old.class), List.of(New.class), target.getClass());
        assertTrue(plan.missing() + " " + plan.undeclared(), plan.possible());
        return (Old) Adapter.adapt(List.of(Old.class), target, plan);
    }

    @Test
    public void forwardsEveryKindOfArgumentAndResultThroughGeneratedCode() {
        Impl impl = new Impl();
        Old adapted = adapt(impl);
        assertFalse("not a java.lang.reflect.Proxy", Proxy.isProxyClass(adapted.getClass()));
        assertEquals(1L + 2 + 3, adapted.wide(1L, 2.5, 3));
        assertEquals("a+b", adapted.join("a", "b"));
        assertArrayEquals(new int[] {2, 4}, adapted.twice(new int[] {1, 2}));
        assertSame("a self-return stays behind the adapter", adapted, adapted.self());
        assertEquals("the impl", adapted.toString());
        assertEquals(impl.hashCode(), adapted.hashCode());
        assertTrue(adapted.equals(impl));
    }

    @Test
    public void exceptionsCrossUnchangedAndAreNeverWrapped() {
        Old adapted = adapt(new Impl());
        assertEquals("no x", assertThrows(IOException.class, () -> adapted.read("x")).getMessage());
        TimeoutException undeclared = new TimeoutException("sneaky");
        assertSame(undeclared, assertThrows(TimeoutException.class, () -> adapted.sneaky(undeclared)));
        IllegalStateException unchecked = new IllegalStateException();
        assertSame(unchecked, assertThrows(IllegalStateException.class, () -> adapted.sneaky(unchecked)));
    }

    public interface Before {
        String start();

        List<String> names();
    }

    /** start() now declares a checked exception Before's consumers do not expect. */
    public interface After {
        String start() throws TimeoutException;

        List<String> names();
    }

    public interface AfterGenerics {
        String start();

        List<Integer> names();
    }

    static class AfterImpl implements After {
        @Override
        public String start() throws TimeoutException {
            throw new TimeoutException("too slow");
        }

        @Override
        public List<String> names() {
            return List.of("a");
        }
    }

    @TranslatesException(from = TimeoutException.class, to = IllegalStateException.class)
    static class Translated extends AfterImpl {
    }

    @TranslatesException(from = Exception.class, to = IOException.class)
    static class TranslatedToChecked extends AfterImpl {
    }

    @Test
    public void aNewCheckedExceptionTheOldMethodDoesNotDeclareIsRefusedNamingMethodExceptionAndFix() {
        Adapter.Plan plan = Adapter.plan(List.of(Before.class), List.of(After.class), AfterImpl.class);
        assertFalse(plan.possible());
        assertTrue(plan.missing().toString(), plan.missing().isEmpty());
        String why = String.join("; ", plan.undeclared());
        assertTrue(why, why.contains("Before.start()"));
        assertTrue(why, why.contains("java.util.concurrent.TimeoutException"));
        assertTrue(why, why.contains("@TranslatesException(from = TimeoutException.class"));
        assertThrows(IllegalArgumentException.class, () -> Adapter.maker(List.of(Before.class), plan));
    }

    @Test
    public void aTranslatedExceptionReachesOldConsumersAsTheTypeTheAnnotationNames() {
        Adapter.Plan plan = Adapter.plan(List.of(Before.class), List.of(After.class), Translated.class);
        assertTrue(plan.undeclared().toString(), plan.possible());
        Before adapted = (Before) Adapter.adapt(List.of(Before.class), new Translated(), plan);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, adapted::start);
        assertEquals("too slow", thrown.getMessage());
        assertTrue(thrown.getCause() instanceof TimeoutException);
        assertEquals(List.of("a"), adapted.names());
    }

    @Test
    public void aTranslationToACheckedTypeTheOldMethodDoesNotDeclareIsRefused() {
        Adapter.Plan plan = Adapter.plan(List.of(Before.class), List.of(After.class), TranslatedToChecked.class);
        assertFalse(plan.possible());
        assertTrue(plan.undeclared().toString(), plan.undeclared().get(0).contains("translate to an unchecked"));
    }

    @Test
    public void aChangedGenericSignatureIsNoCounterpart() {
        Adapter.Plan plan = Adapter.plan(List.of(Before.class), List.of(AfterGenerics.class));
        assertFalse(plan.possible());
        assertEquals(1, plan.missing().size());
        String missing = plan.missing().get(0);
        assertTrue(missing, missing.startsWith("Before.names() : java.util.List<java.lang.String>"));
        assertTrue(missing, missing.contains("java.util.List<java.lang.Integer>"));
    }
}
