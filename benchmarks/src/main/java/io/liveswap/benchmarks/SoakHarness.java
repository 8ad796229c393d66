package io.liveswap.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import com.sun.management.UnixOperatingSystemMXBean;

import io.liveswap.fixture.counter.Counter;
import io.liveswap.mediator.Mediator;

/**
 * Soak: thousands of update cycles of the counter unit under load, in a real embedded Felix. Each cycle installs
 * the other version's bundle beside the running one, swaps to it and retires the old bundle (stop, uninstall,
 * refresh), alternating 1.0.0 and 2.0.0 (up, then down). Every {@code --sample} cycles, after a full GC, it records
 * loaded classes, metaspace, live threads, service registrations, installed bundles and open file descriptors, so
 * that anything a retired version leaves behind shows up as growth per cycle.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.liveswap.benchmarks.SoakHarness [--cycles 2000] [--sample 100]
 *      [--out soak.json]
 * </pre>
 */
public final class SoakHarness {

    private SoakHarness() {
    }

    /** One sample of the JVM and the framework. */
    private record Sample(int cycle, long loadedClasses, long unloadedClasses, long metaspaceBytes, int threads,
            int services, int bundles, long openFiles) {
        String json() {
            return String.format(Locale.ROOT, "{\"cycle\": %d, \"loadedClasses\": %d, \"unloadedClasses\": %d,"
                    + " \"metaspaceKiB\": %d, \"threads\": %d, \"services\": %d, \"bundles\": %d, \"openFiles\": %d}",
                    cycle, loadedClasses, unloadedClasses, metaspaceBytes / 1024, threads, services, bundles,
                    openFiles);
        }
    }

    public static void main(String[] args) throws Exception {
        int cycles = Integer.parseInt(option(args, "--cycles", "2000"));
        int every = Integer.parseInt(option(args, "--sample", "100"));
        Path out = Path.of(option(args, "--out", "soak.json"));
        Properties bundles = new Properties();
        try (InputStream in = SoakHarness.class.getResourceAsStream("/liveswap-harness.properties")) {
            bundles.load(in);
        }
        String[] versions = {new File(bundles.getProperty("bundle.counter-v2")).toURI().toString(),
                new File(bundles.getProperty("bundle.counter-impl")).toURI().toString()};
        List<Sample> samples = new ArrayList<>();
        long failed;
        long lost;
        long swapsAborted = 0;
        try (EmbeddedFelix felix = new EmbeddedFelix(List.of("counter-v2", "counter-scan", "counter-scan-v2"),
                List.of())) {
            Mediator mediator = felix.service(Mediator.class, null);
            Counter counter = felix.service(Counter.class, "(liveswap.unit=counter)(liveswap.proxy=true)");
            Load load = new Load(2, counter);
            try {
                for (int cycle = 1; cycle <= cycles; cycle++) {
                    try {
                        mediator.update("counter", versions[(cycle - 1) % 2]);
                    } catch (RuntimeException e) {
                        swapsAborted++;
                        System.err.println("cycle " + cycle + ": " + e.getMessage());
                    }
                    if (cycle % every == 0) {
                        samples.add(sample(cycle, felix));
                        System.out.println(samples.get(samples.size() - 1).json());
                    }
                }
            } finally {
                load.close();
            }
            failed = load.failed();
            lost = load.succeeded() - counter.value();
        }
        Sample base = samples.stream().filter(s -> s.cycle() >= 100).findFirst().orElse(samples.get(0));
        Sample last = samples.get(samples.size() - 1);
        double classGrowth = (double) (last.loadedClasses() - base.loadedClasses()) / base.loadedClasses();
        double metaspaceGrowth = (double) (last.metaspaceBytes() - base.metaspaceBytes()) / base.metaspaceBytes();
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{%n  \"harness\": \"SoakHarness\",%n  \"cycles\": %d,%n"
                + "  \"swapsAborted\": %d,%n  \"callsFailed\": %d,%n  \"lostIncrements\": %d,%n"
                + "  \"loadedClassesGrowthSinceBase\": %.4f,%n  \"metaspaceGrowthSinceBase\": %.4f,%n"
                + "  \"baseCycle\": %d,%n  \"samples\": [%n", cycles, swapsAborted, failed, lost, classGrowth,
                metaspaceGrowth, base.cycle()));
        for (int i = 0; i < samples.size(); i++) {
            json.append("    ").append(samples.get(i).json()).append(i + 1 < samples.size() ? ",\n" : "\n");
        }
        json.append("  ]\n}\n");
        Files.writeString(out, json);
        System.out.println(json);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static Sample sample(int cycle, EmbeddedFelix felix) throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc(); // settle before measuring; classes of retired versions unload only in a full GC
        }
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().equals("Metaspace")).mapToLong(p -> p.getUsage().getUsed()).sum();
        long openFiles = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getOpenFileDescriptorCount() : -1;
        var services = felix.context().getAllServiceReferences(null, null);
        return new Sample(cycle, classes.getLoadedClassCount(), classes.getUnloadedClassCount(), metaspace,
                ManagementFactory.getThreadMXBean().getThreadCount(), services == null ? 0 : services.length,
                felix.context().getBundles().length, openFiles);
    }

    /** Callers incrementing the counter without pause. */
    private static final class Load implements AutoCloseable {
        private final List<Thread> threads = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicLong succeeded = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();

        Load(int callers, Counter counter) {
            for (int i = 0; i < callers; i++) {
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            counter.increment();
                            succeeded.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                }, "soak-caller-" + i);
                threads.add(thread);
                thread.start();
            }
        }

        long succeeded() {
            return succeeded.get();
        }

        long failed() {
            return failed.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
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
