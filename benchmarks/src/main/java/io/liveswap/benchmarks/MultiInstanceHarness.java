package io.liveswap.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.liveswap.api.TranslationTable;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.fixture.session.Session;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapReport;
import io.liveswap.spi.UnitControls;

/**
 * Load harness for a multi-instance unit, in a real Felix with the real platform bundles: how updates of the
 * {@code sessions} unit (fixture versions 1.0.0 and 2.0.0, whose state differs and goes through a transformer) behave
 * as the number of live instances grows, with eager and with lazy migration.
 *
 * <pre>
 * java -Xmx6g -cp benchmarks/target/benchmarks.jar io.liveswap.benchmarks.MultiInstanceHarness \
 *      [--sizes 10,10000,1000000] [--modes eager,lazy] [--swaps U] [--callers 2] [--interval-ms 30] \
 *      [--first-calls 10000] [--quiet-swaps 3] [--out multi-instance.json]
 * </pre>
 *
 * Each cell (N instances, mode) runs in a Felix of its own, so that no instance, generation or JIT profile of one
 * cell weighs on the next:
 * <ol>
 * <li>Sets {@code instanceMigration} of the mediators' configuration ({@code io.liveswap.mediator}) through
 * Configuration Admin, then swaps the still empty unit until a swap reports the configured mode (deadline 10 s):
 * the mediator has seen the configuration before anything is measured.</li>
 * <li>Creates N sessions through the factory proxy, touches each once and holds them all; heap used after a GC.</li>
 * <li>Callers (2) touch random sessions without pause, counting each successful touch per session, while the
 * harness makes U swaps back and forth between 1.0.0 and 2.0.0, {@code --interval-ms} apart (so that lazy
 * migrations happen between swaps). Default U: 50 up to 10,000 instances; 10 (eager) or 30 (lazy) above. Per
 * swap: the pause (gate closed to gate opened, the mediator's report), instances migrated / pending / failed, and
 * for each caller the longest call that overlapped the swap (the time that caller was blocked by it).</li>
 * <li>With the callers stopped, a few more swaps ({@code --quiet-swaps}, 3): their pause without load (the quiet
 * pause, median reported; lazy: after {@code Mediator.migrate} has brought every instance to the current version,
 * and an odd number of swaps, so that every instance is on the other implementation). Lazy only, first-call cost:
 * after them, the first touch of K sessions
 * ({@code --first-calls}, spread over all, none on the new generation yet) is timed one by one, then their second
 * touch.</li>
 * <li>Checks every session: its touches must equal the harness's own touches plus the successful touches of the
 * callers on it; the difference is reported as lost touches (must be 0), beside failed calls (must be 0).</li>
 * </ol>
 * Also reported: each swap's drain (gate closed to quiescence) and whole duration, the garbage collections during
 * the swaps (at a million instances their pauses are what callers wait for longest; with ZGC the count and time
 * are of its concurrent cycles, not pauses) and all call latencies. Writes
 * one JSON file and prints a table, then the ratio of the lazy caller-blocked p99 at the largest size to that at the
 * smallest (the bar: at most 2 between 1,000,000 and 10 instances).
 */
public final class MultiInstanceHarness {

    private static final String UNIT = "sessions";
    private static final String PID = "io.liveswap.mediator";
    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";

    private MultiInstanceHarness() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(option(args, "--sizes", "10,10000,1000000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        String[] modes = option(args, "--modes", "eager,lazy").split(",");
        String swapsOption = option(args, "--swaps", null);
        int callerCount = Integer.parseInt(option(args, "--callers", "2"));
        long intervalNanos = Long.parseLong(option(args, "--interval-ms", "30")) * 1_000_000;
        int firstCalls = Integer.parseInt(option(args, "--first-calls", "10000"));
        if (Integer.parseInt(option(args, "--quiet-swaps", "3")) % 2 == 0) {
            throw new IllegalArgumentException("--quiet-swaps must be odd: the first calls timed after them must"
                    + " land on the other implementation");
        }
        int quietSwaps = Integer.parseInt(option(args, "--quiet-swaps", "3"));
        Path out = Path.of(option(args, "--out", "multi-instance.json"));
        List<Cell> cells = new ArrayList<>();
        for (int n : sizes) {
            for (String mode : modes) {
                if (!mode.equals(InstanceFactory.EAGER) && !mode.equals(InstanceFactory.LAZY)) {
                    throw new IllegalArgumentException("--modes takes eager and lazy, not " + mode);
                }
                int swaps = swapsOption != null ? Integer.parseInt(swapsOption)
                        : n <= 10_000 ? 50 : mode.equals(InstanceFactory.EAGER) ? 10 : 30;
                System.err.printf(Locale.ROOT, "%,d instances, %s: %d swaps%n", n, mode, swaps);
                cells.add(runCell(n, mode, swaps, callerCount, intervalNanos, quietSwaps, Math.min(firstCalls, n)));
            }
        }
        String ratio = lazyRatio(cells);
        String collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
        String json = String.format(Locale.ROOT, "{%n  \"harness\": \"MultiInstanceHarness\",%n  \"java\": \"%s\","
                + "%n  \"cpus\": %d,%n  \"maxHeapMiB\": %d,%n  \"collectors\": \"%s\",%n  \"callers\": %d,%n"
                + "  \"intervalMillis\": %d,%n  \"lazyCallerBlockedP99Ratio\": %s,%n  \"cells\": [%n%s%n  ]%n}%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, collectors, callerCount, intervalNanos / 1_000_000, ratio,
                cells.stream().map(Cell::json).collect(Collectors.joining(",\n")));
        Files.writeString(out, json);
        System.out.print(table(cells));
        System.out.println("lazy caller blocked p99, largest size / smallest size: " + ratio + " (bar: ratio <= 2)");
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** The bundles of this harness: the platform with Configuration Admin before SCR, and two sessions versions. */
    private static List<String> bundles() throws Exception {
        List<String> bundles = new ArrayList<>(EmbeddedFelix.standardBundles());
        bundles.removeIf(name -> name.startsWith("counter-"));
        bundles.add(bundles.indexOf("scr"), "configadmin");
        bundles.addAll(List.of("session-v1", "session-v2"));
        return bundles;
    }

    /** The calls of one caller thread: random sessions, counted per session. */
    private static final class Caller extends Thread {
        final AtomicBoolean stop;
        final Session[] sessions;
        final AtomicLong swapEdges;
        final long[] touchesPerSession;
        final long[] worstPerSwap;
        final MicrosHistogram calls = new MicrosHistogram();
        final SplittableRandom random;
        long succeeded;
        long failed;
        Throwable firstFailure;

        Caller(int i, AtomicBoolean stop, Session[] sessions, AtomicLong swapEdges, int swaps) {
            super("harness-caller-" + i);
            this.stop = stop;
            this.sessions = sessions;
            this.swapEdges = swapEdges;
            this.touchesPerSession = new long[sessions.length];
            this.worstPerSwap = new long[swaps];
            this.random = new SplittableRandom(i);
        }

        @Override
        public void run() {
            while (!stop.get()) {
                int index = random.nextInt(sessions.length);
                long swapsBefore = swapEdges.get();
                long start = System.nanoTime();
                try {
                    sessions[index].touch();
                    touchesPerSession[index]++;
                    succeeded++;
                } catch (RuntimeException e) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = e;
                    }
                }
                long took = System.nanoTime() - start;
                SwapWindows.attribute(swapsBefore, swapEdges.get(), took, worstPerSwap);
                calls.record(took);
            }
        }
    }

    /** What one cell measured. */
    private record Cell(int instances, String mode, int swaps, int warmupSwaps, int aborted, int wrongMode,
            long heapBeforeBytes, long heapAfterBytes, double createSeconds, long gcCount, long gcMillis,
            long[] quietPause, long callsMade, long callsFailed, String firstFailure, double callsPerSecond,
            long lostTouches, long sessionsWrong, long[] pause, long[] drain, long[] duration, long[] blocked,
            long[] blockedPerSwap, long[] migrated, long[] pending, long[] failed,
            Map<String, Long> byVersionAfterSwaps, MicrosHistogram calls, long[] firstCall, long[] warmCall) {

        boolean lazy() {
            return mode.equals(InstanceFactory.LAZY);
        }

        String json() {
            return String.format(Locale.ROOT, "    {\"instances\": %d, \"mode\": \"%s\", \"swaps\": %d,"
                    + " \"warmupSwaps\": %d, \"swapsAborted\": %d, \"swapsInOtherMode\": %d,%n"
                    + "     \"heapUsedBeforeMiB\": %.1f, \"heapUsedAfterCreateMiB\": %.1f,"
                    + " \"heapBytesPerInstance\": %.0f, \"createSeconds\": %.2f,%n"
                    + "     \"gcDuringSwaps\": {\"collections\": %d, \"millis\": %d}, \"quietPause\": %s,%n"
                    + "     \"callsMade\": %d, \"callsFailed\": %d, \"firstFailure\": %s,"
                    + " \"callsPerSecondDuringSwaps\": %.0f, \"lostTouches\": %d, \"sessionsWithWrongTouches\": %d,%n"
                    + "     \"pause\": %s,%n     \"drain\": %s,%n     \"swapDuration\": %s,%n"
                    + "     \"callerBlocked\": %s,%n"
                    + "     \"allCalls\": %s,%n     \"firstCall\": %s,%n     \"warmCall\": %s,%n"
                    + "     \"instancesByVersionAfterSwaps\": %s,%n"
                    + "     \"perSwap\": {\"pauseMicros\": %s, \"callerBlockedMicros\": %s,"
                    + " \"instancesMigrated\": %s, \"instancesPending\": %s, \"instancesFailed\": %s}}",
                    instances, mode, swaps, warmupSwaps, aborted, wrongMode, heapBeforeBytes / 1048576.0,
                    heapAfterBytes / 1048576.0, (heapAfterBytes - heapBeforeBytes) / (double) instances,
                    createSeconds, gcCount, gcMillis, new Distribution(quietPause).json(), callsMade, callsFailed,
                    firstFailure == null ? "null" : "\"" + firstFailure.replace("\"", "'") + "\"", callsPerSecond,
                    lostTouches, sessionsWrong, new Distribution(pause).json(), new Distribution(drain).json(),
                    new Distribution(duration).json(), new Distribution(blocked).json(), calls.json(),
                    lazy() ? new Distribution(firstCall).json() : "null",
                    lazy() ? new Distribution(warmCall).json() : "null",
                    byVersionAfterSwaps.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                            .collect(Collectors.joining(", ", "{", "}")),
                    micros(pause), micros(blockedPerSwap), Arrays.toString(migrated),
                    Arrays.toString(pending), Arrays.toString(failed));
        }
    }

    private static Cell runCell(int n, String mode, int swaps, int callerCount, long intervalNanos, int quietSwaps,
            int firstCalls) throws Exception {
        try (EmbeddedFelix felix = new EmbeddedFelix(bundles())) {
            Mediator mediator = felix.service(Mediator.class, null);
            UnitControls controls = felix.service(UnitControls.class, null);
            TranslationTable table = felix.service(TranslationTable.class, null);
            InstanceFactory factory = felix.service(InstanceFactory.class,
                    "(liveswap.unit=" + UNIT + ")(liveswap.proxy=true)");
            boolean lazy = mode.equals(InstanceFactory.LAZY);
            configure(felix.context(), mode);
            int warmupSwaps = awaitMode(mediator, controls, lazy);

            long heapBefore = heapUsedAfterGc();
            long created = System.nanoTime();
            Session[] sessions = new Session[n];
            long[] ownTouches = new long[n];
            for (int i = 0; i < n; i++) {
                sessions[i] = factory.create(Session.class, Map.of("owner", "u" + i));
                sessions[i].touch();
                ownTouches[i]++;
            }
            double createSeconds = (System.nanoTime() - created) / 1e9;
            long heapAfter = heapUsedAfterGc();

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong swapEdges = new AtomicLong(); // odd while a swap runs
            List<Caller> callers = new ArrayList<>();
            for (int i = 0; i < callerCount; i++) {
                callers.add(new Caller(i, stop, sessions, swapEdges, swaps));
            }
            callers.forEach(Thread::start);
            LockSupport.parkNanos(500_000_000L); // warm-up: let the callers get compiled
            long[] pause = new long[swaps];
            long[] drain = new long[swaps];
            long[] duration = new long[swaps];
            long[] migrated = new long[swaps];
            long[] pending = new long[swaps];
            long[] failed = new long[swaps];
            int aborted = 0;
            int wrongMode = 0;
            long callsBefore = callers.stream().mapToLong(c -> c.succeeded).sum();
            long[] gcBefore = garbageCollections();
            long began = System.nanoTime();
            for (int i = 0; i < swaps; i++) {
                ServiceReference<?> other = candidate(controls);
                swapEdges.incrementAndGet();
                long t0 = System.nanoTime();
                try {
                    SwapReport report = mediator.swap(UNIT, other);
                    pause[i] = report.pauseNanos;
                    drain[i] = report.drainNanos;
                    migrated[i] = report.instancesMigrated;
                    pending[i] = report.instancesPending;
                    failed[i] = report.instancesFailed;
                    wrongMode += report.lazy == lazy ? 0 : 1;
                } catch (RuntimeException e) {
                    aborted++;
                    System.err.println("swap " + i + " aborted: " + e.getMessage());
                }
                duration[i] = System.nanoTime() - t0;
                swapEdges.incrementAndGet();
                LockSupport.parkNanos(intervalNanos);
            }
            long elapsed = System.nanoTime() - began;
            long[] gcAfter = garbageCollections();
            stop.set(true);
            for (Caller caller : callers) {
                caller.join();
            }
            Map<String, Long> byVersion = table.unit(UNIT).instancesByVersion;

            // no caller runs: the swap's own cost; lazy, every instance is then behind until its next call.
            // Lazy: first bring every instance to the current version, so that after an odd number of quiet swaps
            // every instance is on the other implementation and its first call really migrates (an instance
            // swapped away and back before its next call is only adopted).
            if (lazy) {
                mediator.migrate(UNIT);
            }
            long[] quietPause = new long[quietSwaps];
            for (int i = 0; i < quietSwaps; i++) {
                SwapReport quiet = mediator.swap(UNIT, candidate(controls));
                if (quiet.lazy != lazy || (lazy ? quiet.instancesPending : quiet.instancesMigrated) != n) {
                    throw new IllegalStateException("quiet swap: expected " + n + " instances " + (lazy ? "pending"
                            : "migrated") + ", got lazy=" + quiet.lazy + ", migrated=" + quiet.instancesMigrated
                            + ", pending=" + quiet.instancesPending);
                }
                quietPause[i] = quiet.pauseNanos;
            }
            long[] firstCall = new long[0];
            long[] warmCall = new long[0];
            if (lazy) {
                firstCall = timeTouches(sessions, ownTouches, firstCalls);
                warmCall = timeTouches(sessions, ownTouches, firstCalls);
            }

            long lost = 0;
            long wrong = 0;
            for (int i = 0; i < n; i++) {
                long expected = ownTouches[i];
                for (Caller caller : callers) {
                    expected += caller.touchesPerSession[i];
                }
                long actual = sessions[i].touches();
                if (actual != expected) {
                    wrong++;
                    lost += Math.max(0, expected - actual);
                }
            }
            long succeeded = callers.stream().mapToLong(c -> c.succeeded).sum();
            long callsFailed = callers.stream().mapToLong(c -> c.failed).sum();
            MicrosHistogram calls = new MicrosHistogram();
            callers.forEach(c -> calls.add(c.calls));
            long[] blocked = callers.stream().flatMapToLong(c -> Arrays.stream(c.worstPerSwap)).toArray();
            long[] blockedPerSwap = new long[swaps];
            for (Caller c : callers) {
                Arrays.setAll(blockedPerSwap, i -> Math.max(blockedPerSwap[i], c.worstPerSwap[i]));
            }
            String firstFailure = callers.stream().map(c -> c.firstFailure).filter(f -> f != null)
                    .map(Throwable::toString).findFirst().orElse(null);
            return new Cell(n, mode, swaps, warmupSwaps, aborted, wrongMode, heapBefore, heapAfter, createSeconds,
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], quietPause, succeeded + callsFailed,
                    callsFailed, firstFailure, (succeeded - callsBefore) / (elapsed / 1e9), lost, wrong, pause, drain,
                    duration, blocked, blockedPerSwap, migrated, pending, failed, byVersion, calls,
                    firstCall, warmCall);
        }
    }

    /** Touches {@code k} sessions spread over all of them, one by one, and returns how long each touch took. */
    private static long[] timeTouches(Session[] sessions, long[] ownTouches, int k) {
        long[] took = new long[k];
        for (int j = 0; j < k; j++) {
            int index = (int) ((long) j * sessions.length / k);
            long start = System.nanoTime();
            sessions[index].touch();
            took[j] = System.nanoTime() - start;
            ownTouches[index]++;
        }
        return took;
    }

    /**
     * Sets the mediators' {@code instanceMigration} through Configuration Admin. Reflective, so that the
     * Configuration Admin API stays inside its bundle and the harness shares no class with it.
     */
    private static void configure(BundleContext context, String mode) throws Exception {
        ServiceReference<?> reference = context.getServiceReference(CONFIGURATION_ADMIN);
        if (reference == null) {
            throw new IllegalStateException("no " + CONFIGURATION_ADMIN + ": is the configadmin bundle installed?");
        }
        Bundle bundle = reference.getBundle();
        Object admin = context.getService(reference);
        Object configuration = bundle.loadClass(CONFIGURATION_ADMIN)
                .getMethod("getConfiguration", String.class, String.class).invoke(admin, PID, null);
        Dictionary<String, Object> properties = new Hashtable<>(Map.of("instanceMigration", mode));
        bundle.loadClass("org.osgi.service.cm.Configuration").getMethod("update", Dictionary.class)
                .invoke(configuration, properties);
    }

    /**
     * Swaps the unit (no instance lives yet) until a swap reports the wanted mode, within 10 s: the mediator has seen
     * the configuration. Lazy is also the default, so in lazy mode the first swap already matches.
     *
     * @return the swaps made
     */
    private static int awaitMode(Mediator mediator, UnitControls controls, boolean lazy) {
        long end = System.nanoTime() + 10_000_000_000L;
        for (int swaps = 1;; swaps++) {
            if (mediator.swap(UNIT, candidate(controls)).lazy == lazy) {
                return swaps;
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the mediator did not take instanceMigration from "
                        + PID + " within 10 s");
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    /** The other registered version of the unit, waiting up to 10 s for it to register. */
    private static ServiceReference<?> candidate(UnitControls controls) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (controls.control(UNIT).candidates().isEmpty()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the second version of " + UNIT + " never registered");
            }
            LockSupport.parkNanos(1_000_000);
        }
        return controls.control(UNIT).candidates().iterator().next();
    }

    /** @return collections so far and the milliseconds they took, over all collectors */
    private static long[] garbageCollections() {
        long[] countAndMillis = new long[2];
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            countAndMillis[0] += Math.max(0, collector.getCollectionCount());
            countAndMillis[1] += Math.max(0, collector.getCollectionTime());
        }
        return countAndMillis;
    }

    private static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String table(List<Cell> cells) {
        String format = "%9s %5s %5s | %-23s %9s | %-23s | %-11s %-11s | %9s %9s %9s | %6s %5s | %8s %11s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "instances", "mode", "swaps",
                "pause p50/p99/max us", "quiet p50", "blocked p50/p99/max us", "first 50/99", "warm 50/99",
                "migr/swap", "pend/swap", "inst.fail", "failed", "lost", "heap MiB", "GC n/ms"));
        for (Cell c : cells) {
            out.append(String.format(Locale.ROOT, format, c.instances, c.mode, c.swaps,
                    percentiles(c.pause, 50, 99, 100), percentiles(c.quietPause, 50),
                    percentiles(c.blocked, 50, 99, 100), c.lazy() ? percentiles(c.firstCall, 50, 99) : "-",
                    c.lazy() ? percentiles(c.warmCall, 50, 99) : "-", median(c.migrated), median(c.pending),
                    Arrays.stream(c.failed).sum(), c.callsFailed, c.lostTouches,
                    String.format(Locale.ROOT, "%.0f", c.heapAfterBytes / 1048576.0), c.gcCount + "/" + c.gcMillis));
        }
        return out.toString();
    }

    private static String micros(long[] nanos) {
        return Arrays.toString(Arrays.stream(nanos).map(t -> t / 1000).toArray());
    }

    private static String percentiles(long[] nanos, double... percentiles) {
        Distribution d = new Distribution(nanos);
        return Arrays.stream(percentiles).mapToObj(p -> micros(d.micros(p))).collect(Collectors.joining("/"));
    }

    /** Microseconds with one decimal below 100, none above. */
    private static String micros(double micros) {
        return String.format(Locale.ROOT, micros < 100 ? "%.1f" : "%.0f", micros);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[(sorted.length - 1) / 2];
    }

    /** Lazy caller-blocked p99 at the largest size over that at the smallest, or null without two lazy sizes. */
    private static String lazyRatio(List<Cell> cells) {
        List<Cell> lazy = cells.stream().filter(Cell::lazy).toList();
        if (lazy.size() < 2) {
            return "null";
        }
        Cell smallest = lazy.stream().min((a, b) -> Integer.compare(a.instances, b.instances)).orElseThrow();
        Cell largest = lazy.stream().max((a, b) -> Integer.compare(a.instances, b.instances)).orElseThrow();
        double from = new Distribution(smallest.blocked).micros(99);
        double to = new Distribution(largest.blocked).micros(99);
        return String.format(Locale.ROOT, "{\"from\": %d, \"fromP99_us\": %.1f, \"to\": %d, \"toP99_us\": %.1f,"
                + " \"ratio\": %.2f}", smallest.instances, from, largest.instances, to, to / from);
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
