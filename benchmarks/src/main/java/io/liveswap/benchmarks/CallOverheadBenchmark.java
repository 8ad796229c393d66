package io.liveswap.benchmarks;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.liveswap.core.adapter.Adapter;
import io.liveswap.core.factory.InstanceTable;
import io.liveswap.core.interposition.Interposer;
import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.interpose.Invocation;
import io.liveswap.spi.QuiescenceMode;

/**
 * Cost of one call of {@code int apply(int x)} (returns {@code x + 1}) on three paths to the same implementation:
 * <ul>
 * <li>{@code direct}: the implementation, called through its interface;</li>
 * <li>{@code liveswapProxy}: the translation table's bare call path, the generated proxy ({@link UnitProxy#proxy()})
 * with nothing but its call site, as a consumer holds it (the same class {@code liveswapProxyZeroCost} measures);</li>
 * <li>{@code liveswapProxySound}: the proxy in the default, counting quiescence mode (a per-thread slot marked on
 * every call);</li>
 * <li>{@code liveswapProxyZeroCost}: the proxy in the opt-in stack-scan quiescence mode (nothing per call);</li>
 * <li>{@code liveswapProxyInterposed}: the default proxy with one pass-through interceptor in front;</li>
 * <li>{@code liveswapInstance}: an instance of a multi-instance unit, through its instance proxy (the unit's gate,
 * then the instance's handle: two volatile reads);</li>
 * <li>{@code liveswapAdapted}: the default proxy of an older copy of the interface ({@link OldOp}), reaching an
 * implementation of a newer copy through an adapter, as a consumer compiled against the old API does after an
 * interface-changing update;</li>
 * <li>{@code jdkReflectProxy}: a {@link java.lang.reflect.Proxy} whose handler forwards with {@code Method.invoke}.</li>
 * </ul>
 * {@code repoints} = 0 points the unit once at the final implementation; {@code repoints} = N re-points it through the
 * last N of five distinct implementation classes (the last being the final one), calling each
 * {@value #CALLS_PER_TARGET} times through the proxy so the JVM profiles and compiles it, as after N live updates.
 * The targets are shared by all benchmark threads (one proxy per unit, as in the platform); the input is per thread.
 *
 * <p>Build from the repository root with {@code mvn package -DskipTests}, then run:
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CallOverheadBenchmark -t 1 -rf json -rff call-overhead-t1.json
 * java -jar benchmarks/target/benchmarks.jar CallOverheadBenchmark -t 2 -rf json -rff call-overhead-t2.json
 * </pre>
 * {@code -t} is the number of calling threads (the score is per thread), {@code -rf json -rff FILE} writes the
 * results as JSON, {@code -p repoints=5} runs one parameter value only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CallOverheadBenchmark {

    /** The unit's service interface; public, as the platform requires. */
    public interface Op {
        int apply(int x);
    }

    // Five distinct implementation classes with the same behaviour; Final is the one every path ends on.
    static final class A implements Op { public int apply(int x) { return x + 1; } }
    static final class B implements Op { public int apply(int x) { return x + 1; } }
    static final class C implements Op { public int apply(int x) { return x + 1; } }
    static final class D implements Op { public int apply(int x) { return x + 1; } }
    static final class Final implements Op { public int apply(int x) { return x + 1; } }

    /** An older copy of {@link Op}: same method, another interface class (as another version of the API package). */
    public interface OldOp {
        int apply(int x);
    }

    static final int CALLS_PER_TARGET = 20_000;

    @Param({"0", "5"})
    int repoints;

    Op direct;
    Op liveswap;
    Op zeroCost;
    Op sound;
    Op interposed;
    Op instance;
    OldOp adapted;
    Op reflect;
    int sink; // keeps the warm-up calls alive

    /** Per-thread input: a non-final field the JIT cannot treat as a constant. */
    @State(Scope.Thread)
    public static class Input {
        int x;

        @Setup
        public void setup() {
            x = ThreadLocalRandom.current().nextInt(1_000);
        }
    }

    @Setup
    public void setup() {
        Op[] chain = {new A(), new B(), new C(), new D(), new Final()};
        if (repoints < 0 || repoints > chain.length) {
            throw new IllegalArgumentException("repoints must be 0.." + chain.length);
        }
        Op target = chain[chain.length - 1];

        liveswap = pointed(QuiescenceMode.STACK_SCAN, chain);
        zeroCost = pointed(QuiescenceMode.STACK_SCAN, chain);
        sound = pointed(QuiescenceMode.COUNTING, chain);
        UnitProxy withInterceptor = UnitProxy.create("bench-interposed", List.of(Op.class));
        withInterceptor.retarget(Interposer.interpose("bench-interposed", List.of(Op.class), chain[chain.length - 1],
                List.of(new Interposer.Interception(Invocation::proceed, java.util.Set.of()))));
        interposed = (Op) withInterceptor.proxy();

        instance = instanceOf(target);
        UnitProxy oldFace = UnitProxy.create("bench-adapted", List.of(OldOp.class));
        oldFace.retarget(Adapter.adapt(List.of(OldOp.class), target, Adapter.plan(List.of(OldOp.class), List.of(Op.class))));
        adapted = (OldOp) oldFace.proxy();

        direct = target;
        reflect = (Op) Proxy.newProxyInstance(Op.class.getClassLoader(), new Class<?>[] {Op.class},
                (proxy, method, args) -> method.invoke(target, args));
    }

    @Benchmark
    public int direct(Input in) {
        return direct.apply(in.x);
    }

    @Benchmark
    public int liveswapProxy(Input in) {
        return liveswap.apply(in.x);
    }

    @Benchmark
    public int liveswapProxySound(Input in) {
        return sound.apply(in.x);
    }

    @Benchmark
    public int liveswapProxyZeroCost(Input in) {
        return zeroCost.apply(in.x);
    }

    /** A unit proxy in the given mode, re-pointed through the last {@code repoints} classes of the chain. */
    private Op pointed(QuiescenceMode mode, Op[] chain) {
        UnitProxy unit = UnitProxy.create("bench-" + mode.label(), List.of(Op.class), mode);
        Op proxy = (Op) unit.proxy();
        if (repoints == 0) {
            unit.retarget(chain[chain.length - 1]);
        }
        for (int i = chain.length - repoints; i < chain.length; i++) {
            unit.retarget(chain[i]);
            for (int n = 0; n < CALLS_PER_TARGET; n++) {
                sink += proxy.apply(n);
            }
        }
        return proxy;
    }

    /** One instance of a multi-instance unit whose factory makes {@code target}'s class. */
    private static Op instanceOf(Op target) {
        UnitProxy factoryProxy = UnitProxy.create("bench-instances", List.of(InstanceFactory.class));
        InstanceTable table = new InstanceTable("bench-instances", List.of(Op.class), factoryProxy);
        InstanceFactory factory = new InstanceFactory() {
            @Override
            public List<Class<?>> instanceTypes() {
                return List.of(Op.class);
            }

            @Override
            public Object create(java.util.Map<String, Object> arguments) {
                return target;
            }
        };
        InstanceFactory front = table.advance(null, new org.osgi.framework.Version(1, 0, 0), factory, null, false)
                .front();
        return front.create(Op.class, java.util.Map.of());
    }

    @Benchmark
    public int liveswapInstance(Input in) {
        return instance.apply(in.x);
    }

    @Benchmark
    public int liveswapAdapted(Input in) {
        return adapted.apply(in.x);
    }

    @Benchmark
    public int liveswapProxyInterposed(Input in) {
        return interposed.apply(in.x);
    }

    @Benchmark
    public int jdkReflectProxy(Input in) {
        return reflect.apply(in.x);
    }
}
