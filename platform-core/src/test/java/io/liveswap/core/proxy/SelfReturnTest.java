package io.liveswap.core.proxy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

import io.liveswap.core.adapter.Adapter;
import io.liveswap.core.interposition.Interposer;
import io.liveswap.core.quiescence.Gate;
import io.liveswap.spi.QuiescenceMode;

/**
 * {@code this} escaping through a return value: where the implementation returns itself, the unit's proxy returns
 * itself, in both modes, so that a consumer holding the result of a fluent call stays on the gate and reaches the
 * current version after an update. Every other result passes unchanged.
 */
@RunWith(Parameterized.class)
public class SelfReturnTest {

    @Parameters(name = "{0}")
    public static Object[] modes() {
        return QuiescenceMode.values();
    }

    @Parameter
    public QuiescenceMode mode;

    /** A type the unit's proxy does not implement. */
    public interface Extra {
    }

    public interface Base {
        Base self();
    }

    public interface Step<T> {
        T next();
    }

    public interface Builder extends Base, Step<Builder> {
        Builder add(long x);

        long total();

        @Override
        Builder self();

        Object asObject();

        Builder copy();

        Builder nothing();

        Extra asExtra();

        CharSequence name();

        default Builder addAll(long... xs) {
            for (long x : xs) {
                add(x);
            }
            return this;
        }
    }

    /** One version. Adding to it once its state was exported is a violation: that write would be lost. */
    static final class BuilderImpl implements Builder, Extra {
        private final AtomicLong violations;
        private long total;
        private volatile boolean retired;

        BuilderImpl(AtomicLong violations, long total) {
            this.violations = violations;
            this.total = total;
        }

        @Override
        public Builder add(long x) {
            if (retired) {
                violations.incrementAndGet();
            }
            long next = total + x; // deliberately not atomic: only quiescence keeps two versions apart
            Thread.onSpinWait();
            total = next;
            return this;
        }

        @Override
        public long total() {
            return total;
        }

        @Override
        public Builder self() {
            return this;
        }

        @Override
        public Builder next() {
            return this;
        }

        @Override
        public Object asObject() {
            return this;
        }

        @Override
        public Builder copy() {
            return new BuilderImpl(violations, total);
        }

        @Override
        public Builder nothing() {
            return null;
        }

        @Override
        public Extra asExtra() {
            return this;
        }

        @Override
        public CharSequence name() {
            return "builder";
        }

        synchronized long export() {
            retired = true;
            return total;
        }
    }

    private final AtomicLong violations = new AtomicLong();

    private UnitProxy unit(Object target) {
        UnitProxy unit = UnitProxy.create("builder", List.of(Builder.class), mode);
        unit.retarget(target);
        return unit;
    }

    @Test
    public void aFluentChainThroughTheProxyStaysOnTheProxy() {
        BuilderImpl target = new BuilderImpl(violations, 0);
        Builder proxy = (Builder) unit(target).proxy();
        assertSame(proxy, proxy.add(1));
        assertSame(proxy, proxy.add(2).add(3).add(4));
        assertEquals(10, proxy.total());
        assertEquals(10, target.total());
    }

    @Test
    public void everyReturnTypeThatCanHoldTheProxyHandsItBack() {
        Builder proxy = (Builder) unit(new BuilderImpl(violations, 0)).proxy();
        assertSame("covariant override", proxy, proxy.self());
        assertSame("through the super-interface's descriptor", proxy, ((Base) proxy).self());
        assertSame("an erased type variable", proxy, ((Step<?>) proxy).next());
        assertSame("Object", proxy, proxy.asObject());
        assertSame("a default method that returns this", proxy, proxy.addAll(1, 2, 3));
        assertEquals(6, proxy.total());
    }

    @Test
    public void otherResultsPassUnchanged() {
        BuilderImpl target = new BuilderImpl(violations, 5);
        Builder proxy = (Builder) unit(target).proxy();
        assertNull(proxy.nothing());
        assertEquals("builder", proxy.name().toString());
        Builder copy = proxy.copy();
        assertNotSame("another instance of the implementation is a raw object", proxy, copy);
        assertTrue(copy instanceof BuilderImpl);
        assertNotSame(target, copy);
        assertSame("a type the proxy does not implement cannot hold it: the raw object escapes", target,
                proxy.asExtra());
    }

    @Test
    public void aGenericFunctionReturningItselfHandsBackTheProxy() {
        final class Chain implements Function<Object, Object> {
            @Override
            public Object apply(Object o) {
                return o == null ? this : o;
            }
        }
        UnitProxy unit = UnitProxy.create("chain", List.of(Function.class), mode);
        unit.retarget(new Chain());
        @SuppressWarnings("unchecked")
        Function<Object, Object> proxy = (Function<Object, Object>) unit.proxy();
        assertSame(proxy, proxy.apply(null));
        assertEquals("x", proxy.apply("x"));
    }

    @Test
    public void throughInterceptorsAFluentResultIsStillTheProxy() {
        BuilderImpl target = new BuilderImpl(violations, 0);
        List<String> seen = new ArrayList<>();
        Object interposed = Interposer.interpose("builder", List.of(Builder.class),
                target, List.of(new Interposer.Interception(call -> {
                    seen.add(call.method().getName());
                    return call.proceed();
                }, Set.of())));
        Builder proxy = (Builder) unit(interposed).proxy();
        assertSame(proxy, proxy.add(1).add(2));
        assertSame(proxy, proxy.asObject());
        assertSame("a type neither the proxy nor the interposer implements: the raw object", target,
                proxy.asExtra());
        assertEquals(3, target.total());
        assertEquals(List.of("add", "add", "asObject", "asExtra"), seen);
    }

    @Test
    public void throughAnAdaptedFaceAFluentResultIsStillTheProxy() {
        BuilderImpl target = new BuilderImpl(violations, 0);
        Adapter.Plan plan = Adapter.plan(List.of(Builder.class), List.of(Builder.class));
        assertTrue(plan.missing().toString(), plan.possible());
        Object adapted = Adapter.adapt(List.of(Builder.class), target, plan);
        Builder proxy = (Builder) unit(adapted).proxy();
        assertSame(proxy, proxy.add(1).add(2));
        assertSame(target, proxy.asExtra());
        assertEquals(3, target.total());
    }

    /**
     * A consumer that keeps the result of a fluent call and writes through it while the unit is updated again and
     * again: every write reaches the current version, none reaches a retired one, none is lost.
     */
    @Test
    public void aConsumerHoldingAFluentResultLosesNoWriteAcrossUpdates() throws Exception {
        BuilderImpl[] current = {new BuilderImpl(violations, 0)};
        UnitProxy unit = unit(current[0]);
        AtomicReference<Builder> held = new AtomicReference<>(((Builder) unit.proxy()).add(0));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong adds = new AtomicLong();
        // one caller: the builder is not thread safe by design
        Thread caller = new Thread(() -> {
            Builder b = held.get();
            while (!stop.get()) {
                b = b.add(1);
                adds.incrementAndGet();
            }
            held.set(b);
        }, "fluent-caller");
        caller.start();
        int swaps = 200;
        try {
            for (int i = 0; i < swaps; i++) {
                long seen = adds.get();
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (adds.get() < seen + 3 && System.nanoTime() < end) {
                    Thread.onSpinWait(); // let the caller write between two updates
                }
                Gate gate = unit.gate();
                gate.close(List.of(gate), System.nanoTime() + Duration.ofSeconds(10).toNanos());
                try {
                    gate.awaitQuiescence(System.nanoTime() + Duration.ofSeconds(5).toNanos());
                    current[0] = new BuilderImpl(violations, current[0].export());
                    unit.retarget(current[0]);
                } finally {
                    gate.open();
                }
            }
        } finally {
            stop.set(true);
            caller.join();
        }
        assertEquals("writes that reached a retired version", 0, violations.get());
        assertEquals("writes lost", adds.get(), current[0].total());
        assertSame("the held result is the proxy", unit.proxy(), held.get());
        assertTrue("writes made: " + adds.get(), adds.get() >= 3L * swaps);
    }
}
