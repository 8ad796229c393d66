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
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A real Felix for the harnesses, with the bundles listed in {@code liveswap-harness.properties} (or a list of the
 * harness's own). The system bundle repeats the Export-Package headers of the jars listed under {@code shared} (the
 * platform's API packages and the fixtures' APIs, all on the harness's class path), with their versions read from
 * those jars, so the harness and the bundles share those classes.
 */
final class EmbeddedFelix implements AutoCloseable {

    private final Framework framework;
    private final Path storage;

    /** The standard list of liveswap-harness.properties. */
    EmbeddedFelix() throws Exception {
        this(standardBundles());
    }

    /**
     * @param without bundles of the standard list to leave out
     * @param extra further bundles (names from liveswap-harness.properties), installed after the standard ones
     */
    EmbeddedFelix(List<String> without, List<String> extra) throws Exception {
        this(withAndWithout(without, extra));
    }

    /** @param bundles the bundles to install and start, in order (names from liveswap-harness.properties) */
    EmbeddedFelix(List<String> bundles) throws Exception {
        storage = Files.createTempDirectory("liveswap-harness");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, sharedPackages());
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        List<Bundle> installed = new ArrayList<>();
        for (String name : bundles) {
            installed.add(context().installBundle(location(name)));
        }
        for (Bundle bundle : installed) {
            bundle.start();
        }
    }

    /** @return the standard list of bundles of liveswap-harness.properties, in start order */
    static List<String> standardBundles() throws IOException {
        return List.of(bundleList().getProperty("bundles").split(" "));
    }

    private static List<String> withAndWithout(List<String> without, List<String> extra) throws IOException {
        List<String> names = new ArrayList<>(standardBundles());
        names.removeAll(without);
        names.addAll(extra);
        return names;
    }

    /** The Export-Package headers of the shared jars, joined: what the system bundle exports besides Java's. */
    private static String sharedPackages() throws IOException {
        List<String> exports = new ArrayList<>();
        for (String name : bundleList().getProperty("shared").split(" ")) {
            try (JarFile jar = new JarFile(bundleList().getProperty("bundle." + name))) {
                exports.add(jar.getManifest().getMainAttributes().getValue(Constants.EXPORT_PACKAGE));
            }
        }
        return String.join(",", exports);
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
