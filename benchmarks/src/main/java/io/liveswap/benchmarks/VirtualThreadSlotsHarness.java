package io.liveswap.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.spi.QuiescenceMode;

/**
 * What the counting mode's per-thread slots cost with many virtual threads (Java 21+), against the same threads
 * calling the implementation directly: heap kept per live virtual thread that called the unit (after a full GC),
 * heap kept per ended short-lived thread (after a full GC: slots of ended threads must not pile up), and the time of
 * a short-lived thread's one call as a ratio to the direct run (same JVM, runs alternated, best of rounds).
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.liveswap.benchmarks.VirtualThreadSlotsHarness \
 *      [--live 10000] [--short-lived 1000000] [--rounds 3] [--out vthread-slots.json]
 * </pre>
 */
public final class VirtualThreadSlotsHarness {

    public interface Op {
        int apply(int x);
    }

    static final class Impl implements Op {
        @Override
        public int apply(int x) {
            return x + 1;
        }
    }

    private VirtualThreadSlotsHarness() {
    }

    public static void main(String[] args) throws Exception {
        int live = Integer.parseInt(option(args, "--live", "10000"));
        int shortLived = Integer.parseInt(option(args, "--short-lived", "1000000"));
        int rounds = Integer.parseInt(option(args, "--rounds", "3"));
        Path out = Path.of(option(args, "--out", "vthread-slots.json"));
        ThreadFactory virtual = virtualThreads();
        Op direct = new Impl();
        UnitProxy unit = UnitProxy.create("vthreads", List.of(Op.class), QuiescenceMode.COUNTING);
        unit.retarget(direct);
        Op proxy = (Op) unit.proxy();

        double liveDirect = heapWithParked(virtual, direct, live);
        double liveProxy = heapWithParked(virtual, proxy, live);
        long bestDirect = Long.MAX_VALUE;
        long bestProxy = Long.MAX_VALUE;
        long before = heapAfterGc();
        for (int round = 0; round < rounds; round++) {
            bestDirect = Math.min(bestDirect, shortLived(virtual, direct, shortLived, live));
            bestProxy = Math.min(bestProxy, shortLived(virtual, proxy, shortLived, live));
        }
        double keptPerEnded = (double) (heapAfterGc() - before) / ((long) shortLived * rounds);
        String json = String.format(java.util.Locale.ROOT, "{\"java\": %d, \"live\": %d, \"shortLived\": %d,"
                + " \"rounds\": %d, \"bytesPerLiveThreadSlot\": %.1f, \"bytesKeptPerEndedThread\": %.2f,"
                + " \"shortLivedDirectNsPerThread\": %.1f, \"shortLivedProxyNsPerThread\": %.1f,"
                + " \"shortLivedProxyToDirect\": %.3f, \"callsCounted\": %d}%n",
                Runtime.version().feature(), live, shortLived, rounds, (liveProxy - liveDirect) / live, keptPerEnded,
                (double) bestDirect / shortLived, (double) bestProxy / shortLived, (double) bestProxy / bestDirect,
                unit.gate().calls());
        Files.writeString(out, json);
    }

    /** Heap after a full GC while {@code count} virtual threads that called {@code op} once are parked. */
    private static double heapWithParked(ThreadFactory virtual, Op op, int count) throws InterruptedException {
        CountDownLatch called = new CountDownLatch(count);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < count; i++) {
            virtual.newThread(() -> {
                op.apply(1);
                called.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).start();
        }
        called.await();
        long heap = heapAfterGc();
        release.countDown();
        return heap;
    }

    /** Nanoseconds for {@code count} virtual threads of one call each, at most {@code inFlight} at a time. */
    private static long shortLived(ThreadFactory virtual, Op op, int count, int inFlight) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        Runnable call = () -> {
            try {
                op.apply(1);
            } finally {
                permits.release();
            }
        };
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            virtual.newThread(call).start();
        }
        if (!permits.tryAcquire(inFlight, 10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("short-lived threads did not finish");
        }
        return System.nanoTime() - start;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static ThreadFactory virtualThreads() throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
