package io.liveswap.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.liveswap.fixture.shelf.Shelf;
import io.liveswap.mediator.Mediator;
import io.liveswap.mediator.SwapReport;

/**
 * The pause of an update whose state is carried automatically (fixtures {@code shelf-v1} to {@code shelf-v2}: the
 * fields copied, the item class renamed, the place split by two hooks, numbers widened; and back down) beside the
 * same state carried by a hand-written {@code StatefulUnit} ({@code shelf-hand} 1.0.0 to {@code shelf-hand-v2} 2.0.0,
 * same format; and back), for units of N item objects, in one run, in a real Felix with the real platform.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.liveswap.benchmarks.StateTransferHarness \
 *      [--sizes 1000,100000] [--rounds 7] [--out state-transfer.json]
 * </pre>
 *
 * Per size, a Felix of its own: both units get N items (N puts, one item each), then {@code --rounds} times an
 * update up and one back down of each unit, alternating the two units; the pause (gate closed to gate opened, the
 * mediator's report) of each. The first round warms up and is not counted; medians of the rest. After each swap the
 * harness checks the unit's total and item count. The mediators' {@code stateTransferTimeoutMillis} is raised to
 * 60 s through Configuration Admin before the units are filled (a loaded machine can take longer than the default
 * 2 s for 100,000 objects, either way).
 */
public final class StateTransferHarness {

    private StateTransferHarness() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(1_000, 100_000);
        int rounds = 7;
        Path out = Path.of("state-transfer.json");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> rows = new ArrayList<>();
        for (int size : sizes) {
            rows.add(cell(size, rounds));
        }
        String json = "{\"cores\":" + Runtime.getRuntime().availableProcessors() + ",\"java\":\""
                + System.getProperty("java.version") + "\",\"cells\":[" + String.join(",", rows) + "]}";
        Files.writeString(out, json);
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static String cell(int size, int rounds) throws Exception {
        List<String> bundles = new ArrayList<>(EmbeddedFelix.standardBundles());
        bundles.removeIf(name -> name.startsWith("counter-"));
        bundles.add(bundles.indexOf("scr"), "configadmin");
        bundles.addAll(List.of("shelf-v1", "shelf-hand"));
        try (EmbeddedFelix felix = new EmbeddedFelix(bundles)) {
            configure(felix.context());
            Mediator mediator = felix.service(Mediator.class, null);
            Shelf automatic = felix.service(Shelf.class, "(&(liveswap.unit=shelf)(liveswap.proxy=true))");
            Shelf hand = felix.service(Shelf.class, "(&(liveswap.unit=shelf-hand)(liveswap.proxy=true))");
            for (int i = 0; i < size; i++) {
                automatic.put("sku-" + i, (i % 40 + 1) + "/" + (i % 12 + 1), i % 7 + 1);
                hand.put("sku-" + i, (i % 40 + 1) + "/" + (i % 12 + 1), i % 7 + 1);
            }
            long total = automatic.total();
            long[][] pauses = new long[4][rounds - 1]; // automatic up, down; hand up, down
            for (int r = 0; r < rounds; r++) {
                long[] round = {
                    swap(mediator, "shelf", "shelf-v2", automatic, size, total),
                    swap(mediator, "shelf", "shelf-v1", automatic, size, total),
                    swap(mediator, "shelf-hand", "shelf-hand-v2", hand, size, total),
                    swap(mediator, "shelf-hand", "shelf-hand", hand, size, total)};
                for (int k = 0; r > 0 && k < 4; k++) {
                    pauses[k][r - 1] = round[k];
                }
            }
            double[] medians = new double[4];
            for (int k = 0; k < 4; k++) {
                Arrays.sort(pauses[k]);
                medians[k] = pauses[k][pauses[k].length / 2] / 1e6;
            }
            System.out.printf(Locale.ROOT, "%,d objects: pause (median ms) automatic up %.2f, down %.2f; hand-written"
                    + " up %.2f, down %.2f; automatic / hand-written up %.2f, down %.2f%n", size, medians[0],
                    medians[1], medians[2], medians[3], medians[0] / medians[2], medians[1] / medians[3]);
            return String.format(Locale.ROOT, "{\"objects\":%d,\"rounds\":%d,\"automaticUpMs\":%.3f,"
                    + "\"automaticDownMs\":%.3f,\"handUpMs\":%.3f,\"handDownMs\":%.3f}", size, rounds - 1, medians[0],
                    medians[1], medians[2], medians[3]);
        }
    }

    /** One update from the jar of {@code bundle}; its pause in ns, after checking that the state came whole. */
    private static long swap(Mediator mediator, String unit, String bundle, Shelf shelf, int size, long total)
            throws Exception {
        SwapReport report = mediator.update(unit, EmbeddedFelix.location(bundle));
        if (!report.committed || shelf.total() != total || shelf.skus().size() != size) {
            throw new IllegalStateException("unit " + unit + " lost state updating to " + bundle + ": "
                    + report.cause);
        }
        return report.pauseNanos;
    }

    /** Raises the mediators' state transfer deadline (reflective: the Configuration Admin API stays in its bundle). */
    private static void configure(BundleContext context) throws Exception {
        String admin = "org.osgi.service.cm.ConfigurationAdmin";
        ServiceReference<?> reference = context.getServiceReference(admin);
        if (reference == null) {
            throw new IllegalStateException("no " + admin + ": is the configadmin bundle installed?");
        }
        Bundle bundle = reference.getBundle();
        Object configuration = bundle.loadClass(admin).getMethod("getConfiguration", String.class, String.class)
                .invoke(context.getService(reference), "io.liveswap.mediator", null);
        Dictionary<String, Object> properties = new Hashtable<>(Map.of("stateTransferTimeoutMillis", 60_000L));
        bundle.loadClass("org.osgi.service.cm.Configuration").getMethod("update", Dictionary.class)
                .invoke(configuration, properties);
    }
}
