package io.liveswap.core.interposition;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.junit.Test;

import io.liveswap.interpose.UnitInterceptor;

/** Generated interposers: which interceptors run, in which order, with which arguments and results. */
public class InterposerTest {

    public interface Calc {
        double mix(long a, double b, int c);

        int inc(int x);

        void note(String s);

        String read(String name) throws IOException;
    }

    static final class CalcImpl implements Calc {
        final List<String> notes = new ArrayList<>();

        @Override
        public double mix(long a, double b, int c) {
            return a * b + c;
        }

        @Override
        public int inc(int x) {
            return x + 1;
        }

        @Override
        public void note(String s) {
            notes.add(s);
        }

        @Override
        public String read(String name) throws IOException {
            throw new IOException("no " + name);
        }
    }

    private static Calc interpose(Calc target, List<Interposer.Interception> chain) {
        return (Calc) Interposer.interpose("calc", List.of(Calc.class), target, chain);
    }

    @Test
    public void interceptorsRunInOrderWithTheCallAndMayChangeArgumentsAndResults() {
        List<String> seen = new ArrayList<>();
        UnitInterceptor first = call -> {
            seen.add("first " + call.unit() + "." + call.method().getName());
            if (call.method().getName().equals("inc")) {
                call.arguments()[0] = (Integer) call.arguments()[0] * 10;
            }
            return call.proceed();
        };
        UnitInterceptor second = call -> {
            seen.add("second " + call.method().getName());
            Object result = call.proceed();
            return result instanceof Double d ? d + 0.5 : result;
        };
        CalcImpl impl = new CalcImpl();
        Calc calc = interpose(impl, List.of(new Interposer.Interception(first, Set.of()),
                new Interposer.Interception(second, Set.of())));
        assertFalse("not a java.lang.reflect.Proxy", Proxy.isProxyClass(calc.getClass()));
        assertEquals(21, calc.inc(2));
        assertEquals(2L * 1.5 + 3 + 0.5, calc.mix(2L, 1.5, 3), 0.0);
        calc.note("n");
        assertEquals(List.of("n"), impl.notes);
        assertEquals(List.of("first calc.inc", "second inc", "first calc.mix", "second mix", "first calc.note",
                "second note"), seen);
    }

    @Test
    public void argumentsAreBoxedOnDemandInDeclarationOrder() {
        List<String> seen = new ArrayList<>();
        Calc calc = interpose(new CalcImpl(), List.of(new Interposer.Interception(call -> {
            seen.add(java.util.Arrays.toString(call.arguments()));
            call.arguments()[2] = 100;
            return call.proceed();
        }, Set.of("mix"))));
        assertEquals(2L * 1.5 + 100, calc.mix(2L, 1.5, 3), 0.0);
        assertEquals(List.of("[2, 1.5, 3]"), seen);
    }

    @Test
    public void onlyTheNamedMethodsAreInterceptedAndAShadowNeedNotProceed() {
        List<String> seen = new ArrayList<>();
        Calc calc = interpose(new CalcImpl(), List.of(new Interposer.Interception(call -> {
            seen.add(call.method().getName());
            return 42;
        }, Set.of("inc"))));
        assertEquals(42, calc.inc(1));
        assertEquals(7.0, calc.mix(1, 2, 5), 0.0);
        assertEquals(List.of("inc"), seen);
    }

    @Test
    public void exceptionsOfTheTargetAndOfInterceptorsPassUnchanged() {
        TimeoutException undeclared = new TimeoutException("from the interceptor");
        Calc calc = interpose(new CalcImpl(), List.of(new Interposer.Interception(call -> {
            if (call.method().getName().equals("note")) {
                throw undeclared;
            }
            return call.proceed();
        }, Set.of())));
        assertEquals("no x", assertThrows(IOException.class, () -> calc.read("x")).getMessage());
        assertSame(undeclared, assertThrows(TimeoutException.class, () -> calc.note("y")));
    }

    @Test
    public void oneClassServesEveryChainOfTheSameInterfaces() {
        Interposer.Front front = Interposer.front("calc", List.of(Calc.class));
        Calc a = (Calc) front.make(new CalcImpl(), List.of(new Interposer.Interception(call -> 1, Set.of())));
        Calc b = (Calc) front.make(new CalcImpl(), List.of(new Interposer.Interception(call -> 2, Set.of())));
        assertSame(a.getClass(), b.getClass());
        assertEquals(1, a.inc(0));
        assertEquals(2, b.inc(0));
    }
}
