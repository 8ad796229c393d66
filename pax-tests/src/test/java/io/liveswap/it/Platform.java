package io.liveswap.it;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.options.UrlProvisionOption;

/**
 * The one Pax Exam configuration all integration tests share: the runtime the platform ships with, in the start
 * levels it needs (logging first, then SCR, FileInstall and Gogo, then the platform, then units and consumers).
 * Bundle jars come by path from the Maven reactor ({@code bundle.<artifactId>} system properties set by failsafe).
 */
public final class Platform {

    /** Start level of unit implementation bundles: after the platform. */
    public static final int UNITS = 4;
    /** Start level of consumer bundles. */
    public static final int CONSUMERS = 5;
    /**
     * The probe's dynamic imports: the platform SPI with its mandatory attribute (see {@code io.liveswap.spi}),
     * then everything else, as Pax Exam's default probe does.
     */
    public static final String PROBE_IMPORTS = "io.liveswap.spi;liveswap.spi=platform,*";

    private Platform() {
    }

    /** The platform runtime plus the given extra options (typically fixture bundles). */
    public static Option platform(Option... extra) {
        return composite(
                frameworkStartLevel(10),
                frameworkProperty("org.osgi.framework.storage.clean").value("onFirstInit"),
                junitBundles(),
                systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("info"),
                // no probation unless a test asks for it ({@link #probation}): updates are final once committed
                frameworkProperty("liveswap.probation.seconds").value("0"),
                at(1, "asm", "asm-commons", "asm-tree", "asm-util", "asm-analysis", "spifly", "slf4j-api",
                        "slf4j-simple"),
                at(2, "function", "promise", "service-component", "scr", "configadmin", "fileinstall",
                        "gogo-runtime", "gogo-command", "hc-api"),
                at(3, "platform-core", "platform-mediators", "platform-updates"),
                composite(extra));
    }

    /**
     * Probation after every update for this test class, read every {@code checkMillis}, with Apache Felix Health
     * Checks' executor (and what it imports) installed; an option of the class's own (it overrides the platform's
     * "no probation").
     */
    public static Option probation(long seconds, long checkMillis) {
        return composite(frameworkProperty("liveswap.probation.seconds").value(Long.toString(seconds)),
                frameworkProperty("liveswap.probation.checkMillis").value(Long.toString(checkMillis)),
                at(2, "jakarta-servlet", "servlet-service", "event-service", "hc-core"));
    }

    /** Bundles installed and started at a start level. */
    public static Option at(int startLevel, String... artifacts) {
        Option[] options = new Option[artifacts.length];
        for (int i = 0; i < artifacts.length; i++) {
            options[i] = reactorBundle(artifacts[i]).startLevel(startLevel);
        }
        return composite(options);
    }

    /** A bundle by the artifactId the pax-tests pom names it with. */
    public static UrlProvisionOption reactorBundle(String artifact) {
        return bundle(location(artifact));
    }

    /** The proxy of a unit, as a consumer gets it (raw implementations are hidden; the filter says so anyway). */
    public static <T> T proxy(org.osgi.framework.BundleContext context, Class<T> type, String unit)
            throws org.osgi.framework.InvalidSyntaxException {
        java.util.Collection<org.osgi.framework.ServiceReference<T>> references = context.getServiceReferences(type,
                "(&(liveswap.unit=" + unit + ")(liveswap.proxy=true))");
        if (references.size() != 1) {
            throw new AssertionError("expected one proxy of unit '" + unit + "', found " + references.size());
        }
        return context.getService(references.iterator().next());
    }

    /** The location (file URL) of a bundle jar, for tests that install bundles themselves. */
    public static String location(String artifact) {
        String path = System.getProperty("bundle." + artifact);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("No jar for bundle '" + artifact + "' (system property bundle." + artifact
                    + " = " + path + "); run the tests through Maven: mvn verify");
        }
        return new File(path).toURI().toString();
    }
}
