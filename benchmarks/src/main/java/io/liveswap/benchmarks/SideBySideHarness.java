package io.liveswap.benchmarks;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;

import io.liveswap.fixture.counter.Counter;
import io.liveswap.fixture.counter.CounterClient;
import io.liveswap.mediator.Mediator;

/**
 * The same work, updated two ways, in one run: a stateful counter (every call adds one) used by a DS consumer that
 * two threads call without pause, while the implementation is updated N times.
 * <ul>
 * <li>{@code baseline-dynamic} / {@code baseline-static}: today's way, {@code Bundle.update} of the implementation
 * bundle then {@code FrameworkWiring.refreshBundles}, with a consumer holding a dynamic (greedy, 1..1) or a static
 * reference. A third caller keeps the consumer it found first, as code holding a reference does.</li>
 * <li>{@code liveswap}: the same updates through the platform ({@code Mediator.update}, alternating two
 * implementation bundles), with the consumer bound to the unit's proxy.</li>
 * </ul>
 * For each: calls attempted and failed, state lost (successful calls minus the final count), the longest and the
 * median time the service was unusable per update, caller latency during updates, throughput before and during,
 * and the calls the held consumer still made on a replaced instance.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.liveswap.benchmarks.SideBySideHarness \
 *      [--baseline-updates 50] [--liveswap-updates 1000] [--out side-by-side.json]
 * </pre>
 */
public final class SideBySideHarness {

    private SideBySideHarness() {
    }

    /** Updates the implementation once. */
    private interface Updater {
        void update(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int baselineUpdates = Integer.parseInt(option(args, "--baseline-updates", "50"));
        int liveswapUpdates = Integer.parseInt(option(args, "--liveswap-updates", "1000"));
        Path out = Path.of(option(args, "--out", "side-by-side.json"));
        List<String> results = new ArrayList<>();
        results.add(baseline("baseline-dynamic", "dynamic", baselineUpdates));
        results.add(baseline("baseline-static", "static", baselineUpdates));
        results.add(liveswap(liveswapUpdates));
        String json = String.format(Locale.ROOT, "{%n  \"harness\": \"SideBySideHarness\",%n  \"java\": \"%s\",%n"
                + "  \"cpus\": %d,%n  \"scenarios\": [%n    %s%n  ]%n}%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), String.join(",\n    ", results));
        Files.writeString(out, json);
        System.out.println(json);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static String baseline(String name, String reference, int updates) throws Exception {
        try (EmbeddedFelix felix = new EmbeddedFelix(List.of("counter-impl", "counter-v2", "counter-scan",
                "counter-scan-v2"), List.of("counter-plain", "counter-consumer"))) {
            Bundle plain = Arrays.stream(felix.context().getBundles())
                    .filter(b -> "io.liveswap.fixture.counter.plain".equals(b.getSymbolicName())).findFirst()
                    .orElseThrow();
            Path jar = Path.of(URI.create(EmbeddedFelix.location("counter-plain")));
            FrameworkWiring wiring = felix.context().getBundle(0).adapt(FrameworkWiring.class);
            return run(name, felix, reference, "", updates, i -> {
                try (InputStream in = Files.newInputStream(jar)) {
                    plain.update(in);
                }
                CountDownLatch refreshed = new CountDownLatch(1);
                wiring.refreshBundles(List.of(plain), e -> refreshed.countDown());
                refreshed.await(30, TimeUnit.SECONDS);
            });
        }
    }

    private static String liveswap(int updates) throws Exception {
        try (EmbeddedFelix felix = new EmbeddedFelix(List.of("counter-v2", "counter-scan", "counter-scan-v2"),
                List.of("counter-consumer"))) {
            Mediator mediator = felix.service(Mediator.class, null);
            String[] versions = {EmbeddedFelix.location("counter-v2"), EmbeddedFelix.location("counter-impl")};
            return run("liveswap", felix, "dynamic", "(liveswap.unit=counter)", updates,
                    i -> mediator.update("counter", versions[i % 2]));
        }
    }

    /** One caller: calls through whatever consumer the tracker has now, or through the one it held first. */
    private static final class Caller extends Thread {
        final ServiceTracker<CounterClient, CounterClient> tracker;
        final boolean holdsFirst;
        final AtomicBoolean stop;
        final AtomicBoolean updating;
        long attempted;
        long succeeded;
        long failed;
        long staleCalls;
        long unusableSince = -1;
        long lastSuccess = System.nanoTime();
        final List<Long> unusable = new ArrayList<>();
        final MicrosHistogram latencyDuringUpdates = new MicrosHistogram();

        Caller(String name, ServiceTracker<CounterClient, CounterClient> tracker, boolean holdsFirst,
                AtomicBoolean stop, AtomicBoolean updating) {
            super(name);
            this.tracker = tracker;
            this.holdsFirst = holdsFirst;
            this.stop = stop;
            this.updating = updating;
        }

        @Override
        public void run() {
            CounterClient held = tracker.getService();
            while (!stop.get()) {
                long start = System.nanoTime();
                attempted++;
                CounterClient client = holdsFirst ? held : tracker.getService();
                try {
                    if (client == null) {
                        throw new IllegalStateException("no consumer registered");
                    }
                    client.increment();
                    succeeded++;
                    if (holdsFirst && client != tracker.getService()) {
                        staleCalls++; // the consumer this caller holds was replaced: its calls go nowhere useful
                    }
                    long now = System.nanoTime();
                    if (unusableSince >= 0) {
                        unusable.add(now - unusableSince);
                        unusableSince = -1;
                    }
                    lastSuccess = now;
                } catch (RuntimeException e) {
                    failed++;
                    if (unusableSince < 0) {
                        unusableSince = lastSuccess;
                    }
                    LockSupport.parkNanos(100_000); // an unavailable service fails at once; do not spin the CPU
                }
                if (updating.get()) {
                    latencyDuringUpdates.record(System.nanoTime() - start);
                }
            }
        }
    }

    private static String run(String name, EmbeddedFelix felix, String reference, String counterFilter, int updates,
            Updater updater) throws Exception {
        ServiceTracker<CounterClient, CounterClient> tracker = new ServiceTracker<>(felix.context(),
                felix.context().createFilter("(&(objectClass=" + CounterClient.class.getName() + ")(reference="
                        + reference + "))"), null);
        tracker.open();
        tracker.waitForService(10_000);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean updating = new AtomicBoolean();
        List<Caller> callers = List.of(new Caller("caller-0", tracker, false, stop, updating),
                new Caller("caller-1", tracker, false, stop, updating));
        Caller holder = new Caller("holder", tracker, true, stop, updating);
        callers.forEach(Thread::start);
        holder.start();
        LockSupport.parkNanos(500_000_000L); // warm-up
        long before0 = sum(callers);
        LockSupport.parkNanos(1_000_000_000L);
        double throughputBefore = (sum(callers) - before0) / 1.0;
        long during0 = sum(callers);
        long start = System.nanoTime();
        updating.set(true);
        for (int i = 0; i < updates; i++) {
            updater.update(i);
            LockSupport.parkNanos(20_000_000L); // 20 ms between updates
        }
        updating.set(false);
        double throughputDuring = (sum(callers) - during0) / ((System.nanoTime() - start) / 1e9);
        LockSupport.parkNanos(500_000_000L); // let the last update settle before the final count
        stop.set(true);
        for (Caller caller : callers) {
            caller.join();
        }
        holder.join();
        Counter counter = felix.service(Counter.class, counterFilter.isEmpty() ? null : counterFilter);
        long finalCount = counter.value();
        long succeeded = sum(callers) + holder.succeeded;
        long attempted = callers.stream().mapToLong(c -> c.attempted).sum() + holder.attempted;
        long failed = callers.stream().mapToLong(c -> c.failed).sum() + holder.failed;
        long[] unusable = callers.stream().flatMap(c -> c.unusable.stream()).mapToLong(Long::longValue).toArray();
        MicrosHistogram latency = new MicrosHistogram();
        callers.forEach(c -> latency.add(c.latencyDuringUpdates));
        Distribution outages = new Distribution(unusable);
        return String.format(Locale.ROOT, "{\"scenario\": \"%s\", \"updates\": %d, \"callsAttempted\": %d,"
                + " \"callsFailed\": %d, \"callsSucceeded\": %d, \"finalCount\": %d, \"stateLost\": %d,"
                + " \"stateLostPercent\": %.1f, \"unusable\": %s, \"callerLatencyDuringUpdates\": %s,"
                + " \"throughputBeforePerSecond\": %.0f, \"throughputDuringPerSecond\": %.0f,"
                + " \"heldConsumerCallsOnReplacedInstance\": %d}", name, updates, attempted, failed, succeeded,
                finalCount, succeeded - finalCount, 100.0 * (succeeded - finalCount) / Math.max(1, succeeded),
                outages.json(), latency.json(), throughputBefore, throughputDuring,
                holder.staleCalls);
    }

    private static long sum(List<Caller> callers) {
        return callers.stream().mapToLong(c -> c.succeeded).sum();
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
