package io.liveswap.updates.installer;

import java.io.IOException;
import java.nio.file.Path;

import org.osgi.framework.BundleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.updates.format.TrustPolicy;

/** What the configuration and the framework properties decide together: the journal's folder and the trust policy. */
final class UpdateSettings {

    /** Framework property naming the journal's folder; it wins over the configuration. */
    static final String JOURNAL_DIR_PROPERTY = "liveswap.journal.dir";
    /** Framework property naming the trust store, when the configuration does not. */
    static final String TRUST_STORE_PROPERTY = "liveswap.trust.store";
    /** Framework property with the trust store's password, when the configuration does not. */
    static final String TRUST_PASSWORD_PROPERTY = "liveswap.trust.password";

    private static final Logger LOG = LoggerFactory.getLogger(UpdateSettings.class);

    private UpdateSettings() {
    }

    /**
     * @return the folder FileInstall watches (framework property {@code felix.fileinstall.dir}), absolute, or
     *         {@code null} when none is set there: updates whose files leave it while the platform is stopped are
     *         rolled back at the next start
     */
    /**
     * @throws IllegalArgumentException naming a probation setting that is out of range
     */
    static io.liveswap.updates.probation.ProbationSettings probation(BundleContext context, UpdatesConfig config) {
        return io.liveswap.updates.probation.ProbationSettings.of(context, config.probationSeconds(),
                config.probationErrorMargin(), config.probationMinCalls(), config.probationCheckMillis(),
                config.probationHealthTag(), config.probationHealthTolerates());
    }

    static Path watchedFolder(BundleContext context) {
        String folder = context.getProperty("felix.fileinstall.dir");
        return folder == null || folder.isBlank() ? null : Path.of(folder).toAbsolutePath().normalize();
    }

    /** The framework property, else the configuration, else the platform bundle's data area. */
    static Path journalDirectory(BundleContext context, UpdatesConfig config) {
        String property = context.getProperty(JOURNAL_DIR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (!config.journalDirectory().isBlank()) {
            return Path.of(config.journalDirectory());
        }
        return context.getDataFile("journal").toPath();
    }

    /**
     * Signed updates only when a trust store is configured (configuration, else framework property); otherwise
     * unsigned ones, with a loud warning.
     *
     * @throws IOException if the trust store cannot be read
     */
    static TrustPolicy trustPolicy(BundleContext context, UpdatesConfig config) throws IOException {
        String store = config.trustStore().isBlank() ? context.getProperty(TRUST_STORE_PROPERTY) : config.trustStore();
        if (store == null || store.isBlank()) {
            LOG.warn("NO TRUST STORE IS CONFIGURED: this platform applies UNSIGNED update bundles. Anyone who can"
                    + " write to the watched folder can run code here. Configure {} (or trustStore in {}) to accept"
                    + " only signed updates", TRUST_STORE_PROPERTY, UpdatesConfig.PID);
            return TrustPolicy.acceptUnsigned();
        }
        String password = config.trustStorePassword().isBlank() ? context.getProperty(TRUST_PASSWORD_PROPERTY)
                : config.trustStorePassword();
        TrustPolicy policy = TrustPolicy.trustStore(Path.of(store), password == null ? null : password.toCharArray());
        LOG.info("Only update bundles signed by a signer in {} are applied", store);
        return policy;
    }
}
