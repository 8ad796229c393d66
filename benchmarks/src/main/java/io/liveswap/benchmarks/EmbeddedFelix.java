package io.liveswap.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A real Felix for the harnesses, with the bundles listed in {@code liveswap-harness.properties}. The system bundle
 * exports the platform's API packages and the counter fixture's API from the harness's class path, so the harness
 * and the bundles share those classes.
 */
final class EmbeddedFelix implements AutoCloseable {

    private static final String SHARED_PACKAGES = "io.liveswap.api;version=1.0.0,io.liveswap.spi;version=1.0.0,"
            + "io.liveswap.state;version=1.0.0,io.liveswap.mediator;version=1.0.0,"
            + "io.liveswap.fixture.counter;version=1.0.0";

    private final Framework framework;
    private final Path storage;

    /** The standard list of liveswap-harness.properties. */
    EmbeddedFelix() throws Exception {
        this(List.of(), List.of());
    }

    /**
     * @param without bundles of the standard list to leave out
     * @param extra further bundles (names from liveswap-harness.properties), installed after the standard ones
     */
    EmbeddedFelix(List<String> without, List<String> extra) throws Exception {
        storage = Files.createTempDirectory("liveswap-harness");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SHARED_PACKAGES);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        List<Bundle> installed = new ArrayList<>();
        Properties bundles = bundleList();
        List<String> names = new ArrayList<>(List.of(bundles.getProperty("bundles").split(" ")));
        names.removeAll(without);
        names.addAll(extra);
        for (String name : names) {
            installed.add(context().installBundle(location(name)));
        }
        for (Bundle bundle : installed) {
            bundle.start();
        }
    }

    /** The file URL of a bundle named in liveswap-harness.properties. */
    static String location(String name) throws IOException {
        return new File(bundleList().getProperty("bundle." + name)).toURI().toString();
    }

    private static Properties bundleList() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EmbeddedFelix.class.getResourceAsStream("/liveswap-harness.properties")) {
            properties.load(in);
        }
        return properties;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Waits up to 10 s for a service matching a filter. */
    <T> T service(Class<T> type, String filter) throws Exception {
        String full = "(&(objectClass=" + type.getName() + ")" + (filter == null ? "" : filter) + ")";
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), context().createFilter(full), null);
        tracker.open();
        T service = tracker.waitForService(10_000);
        if (service == null) {
            throw new IllegalStateException("no service " + full + " within 10 s");
        }
        return service;
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(30_000);
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
