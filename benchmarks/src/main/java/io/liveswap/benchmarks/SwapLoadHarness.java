package io.liveswap.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.osgi.framework.ServiceReference;

import io.liveswap.fixture.counter.Counter;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapReport;
import io.liveswap.spi.UnitControl;
import io.liveswap.spi.UnitControls;

/**
 * Load harness for the swap protocol, in a real Felix with the real platform bundles: callers on several threads
 * increment the fixture counter through its proxy without pause while the harness swaps the unit back and forth
 * between two implementation bundles (1.0.0 and 2.0.0), carrying the count across every swap. Every successful call
 * adds one, so the final count must equal the calls that succeeded.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.liveswap.benchmarks.SwapLoadHarness \
 *      [--mode counting|stack-scan] [--swaps 1000] [--callers 2] [--interval-us 1000] [--out swap-load.json]
 * </pre>
 *
 * Reports (JSON, also printed): calls made, failed, lost increments; the pause of each swap (gate closed to gate
 * opened, from the mediator's report) and its whole duration; for each swap and caller the longest call that
 * overlapped the swap (the time that caller spent blocked by it); a sample of all call latencies; caller
 * throughput; the number of live threads in the JVM.
 */
public final class SwapLoadHarness {

    private SwapLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        String mode = option(args, "--mode", "counting");
        int swaps = Integer.parseInt(option(args, "--swaps", "1000"));
        int callerCount = Integer.parseInt(option(args, "--callers", "2"));
        long intervalNanos = Long.parseLong(option(args, "--interval-us", "1000")) * 1000;
        Path out = Path.of(option(args, "--out", "swap-load-" + mode + ".json"));
        String unit = switch (mode) {
            case "counting" -> "counter";
            case "stack-scan" -> "counter-scan";
            default -> throw new IllegalArgumentException("--mode must be counting or stack-scan, not " + mode);
        };
        try (EmbeddedFelix felix = new EmbeddedFelix()) {
            Mediator mediator = felix.service(Mediator.class, null);
            UnitControls controls = felix.service(UnitControls.class, null);
            Counter counter = felix.service(Counter.class, "(liveswap.unit=" + unit + ")(liveswap.proxy=true)");
            awaitCandidate(controls.control(unit));
            String json = run(unit, mode, swaps, callerCount, intervalNanos, mediator, controls, counter);
            Files.writeString(out, json);
            System.out.println(json);
            System.out.println("written to " + out.toAbsolutePath());
        }
    }

    /** The calls of one caller thread. */
    private static final class Caller extends Thread {
        final AtomicBoolean stop;
        final Counter counter;
        final AtomicLong swapsStarted;
        long succeeded;
        long failed;
        Throwable firstFailure;
        final long[] worstPerSwap;
        final long[] sample = new long[1 << 16];
        long samples;

        Caller(int i, AtomicBoolean stop, Counter counter, AtomicLong swapsStarted, int swaps) {
            super("harness-caller-" + i);
            this.worstPerSwap = new long[swaps];
            this.stop = stop;
            this.counter = counter;
            this.swapsStarted = swapsStarted;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                long swapsBefore = swapsStarted.get();
                long start = System.nanoTime();
                try {
                    counter.increment();
                    succeeded++;
                } catch (RuntimeException e) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = e;
                    }
                }
                long took = System.nanoTime() - start;
                SwapWindows.attribute(swapsBefore, swapsStarted.get(), took, worstPerSwap);
                sample[(int) (samples++ & (sample.length - 1))] = took;
            }
        }
    }

    private static String run(String unit, String mode, int swaps, int callerCount, long intervalNanos,
            Mediator mediator, UnitControls controls, Counter counter) throws Exception {
        long startCount = counter.value();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong swapEdges = new AtomicLong(); // odd while a swap runs
        List<Caller> callers = new ArrayList<>();
        for (int i = 0; i < callerCount; i++) {
            callers.add(new Caller(i, stop, counter, swapEdges, swaps));
        }
        callers.forEach(Thread::start);
        LockSupport.parkNanos(500_000_000L); // warm-up: let the callers get compiled
        long[] pause = new long[swaps];
        long[] duration = new long[swaps];
        long[] drain = new long[swaps];
        int aborted = 0;
        long began = System.nanoTime();
        long callsBefore = callers.stream().mapToLong(c -> c.succeeded).sum();
        int liveThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        for (int i = 0; i < swaps; i++) {
            ServiceReference<?> other = controls.control(unit).candidates().iterator().next();
            swapEdges.incrementAndGet();
            long t0 = System.nanoTime();
            try {
                SwapReport report = mediator.swap(unit, other);
                pause[i] = report.pauseNanos;
                drain[i] = report.drainNanos;
            } catch (RuntimeException e) {
                aborted++;
                System.err.println("swap " + i + " aborted: " + e.getMessage());
            }
            duration[i] = System.nanoTime() - t0;
            swapEdges.incrementAndGet();
            LockSupport.parkNanos(intervalNanos);
        }
        long elapsed = System.nanoTime() - began;
        stop.set(true);
        for (Caller caller : callers) {
            caller.join();
        }
        long succeeded = callers.stream().mapToLong(c -> c.succeeded).sum();
        long failed = callers.stream().mapToLong(c -> c.failed).sum();
        long lost = succeeded - (counter.value() - startCount);
        long[] blocked = callers.stream().flatMapToLong(c -> java.util.Arrays.stream(c.worstPerSwap)).toArray();
        long[] all = callers.stream().flatMapToLong(c -> java.util.Arrays.stream(c.sample,
                0, (int) Math.min(c.samples, c.sample.length))).toArray();
        Throwable firstFailure = callers.stream().map(c -> c.firstFailure).filter(f -> f != null).findFirst()
                .orElse(null);
        return String.format(Locale.ROOT, "{%n  \"harness\": \"SwapLoadHarness\",%n  \"mode\": \"%s\",%n"
                + "  \"unit\": \"%s\",%n  \"java\": \"%s\",%n  \"cpus\": %d,%n  \"liveThreads\": %d,%n"
                + "  \"callers\": %d,%n  \"swaps\": %d,%n  \"swapsAborted\": %d,%n  \"intervalMicros\": %d,%n"
                + "  \"callsMade\": %d,%n  \"callsFailed\": %d,%n  \"lostIncrements\": %d,%n"
                + "  \"firstFailure\": %s,%n  \"callsPerSecondDuringSwaps\": %.0f,%n"
                + "  \"pause\": %s,%n  \"drain\": %s,%n  \"swapDuration\": %s,%n"
                + "  \"callerBlocked\": %s,%n  \"allCallsSampled\": %s%n}%n",
                mode, unit, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                liveThreads, callers.size(), swaps, aborted, intervalNanos / 1000, succeeded + failed, failed, lost,
                firstFailure == null ? "null" : "\"" + firstFailure.toString().replace("\"", "'") + "\"",
                (succeeded - callsBefore) / (elapsed / 1e9), new Distribution(pause).json(),
                new Distribution(drain).json(), new Distribution(duration).json(), new Distribution(blocked).json(),
                new Distribution(all).json());
    }

    private static void awaitCandidate(UnitControl control) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (control.candidates().isEmpty()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the second implementation of " + control.unit() + " never registered");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
