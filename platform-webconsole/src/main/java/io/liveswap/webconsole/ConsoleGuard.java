package io.liveswap.webconsole;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Dictionary;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production mode ({@value #PRODUCTION}{@code =true}): the Felix Web Console must not serve with its default
 * password {@code admin}. While the effective password (the Web Console's configuration PID {@value #CONSOLE_PID},
 * property {@code password}; else the framework property {@value #PASSWORD_PROPERTY}; else the default) is
 * {@code admin}, the Web Console bundle is stopped (its persistent start setting cleared, so start levels do not
 * start it) and an error names the fix; once the password is changed in the configuration, or at the next start
 * with a password set or outside production mode, it is started again (a file in this bundle's data area remembers
 * that the guard stopped it). A hashed password ({@code {sha-256}...}) counts as changed.
 *
 * <p><b>Lifecycle.</b> The runtime starts this bundle at a lower start level than the Web Console, so the console
 * never serves with the default password in production mode. Outside production mode it only restarts a console
 * it had stopped.
 *
 * <p><b>Threading.</b> Configuration events arrive on ConfigAdmin's event thread; {@link #check()} is synchronized.
 */
@Component(service = ConfigurationListener.class, immediate = true)
public final class ConsoleGuard implements ConfigurationListener {

    static final String PRODUCTION = "liveswap.production";
    static final String PASSWORD_PROPERTY = "felix.webconsole.password";
    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    static final String CONSOLE_BUNDLE = "org.apache.felix.webconsole";
    static final String DEFAULT_PASSWORD = "admin";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleGuard.class);

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    /** Present while this guard keeps the console stopped, across restarts (a stop clears its start setting). */
    private final File stoppedByUs;

    @Activate
    public ConsoleGuard(BundleContext context, @Reference ConfigurationAdmin configurations) {
        this.context = context;
        this.configurations = configurations;
        this.stoppedByUs = context.getDataFile("console-stopped-by-guard");
        check();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (CONSOLE_PID.equals(event.getPid())) {
            check();
        }
    }

    private synchronized void check() {
        String refusal = refusal(Boolean.parseBoolean(context.getProperty(PRODUCTION)), configuredPassword(),
                context.getProperty(PASSWORD_PROPERTY));
        Bundle console = consoleBundle();
        if (console == null) {
            return;
        }
        try {
            if (refusal != null) {
                LOG.error(refusal);
                Files.write(stoppedByUs.toPath(), new byte[0]);
                console.stop();
            } else if (stoppedByUs.exists()) {
                console.start();
                Files.delete(stoppedByUs.toPath());
                LOG.info("Web console: the password is no longer the default, or production mode is off; started {}",
                        CONSOLE_BUNDLE);
            }
        } catch (BundleException | IOException e) {
            LOG.error("Web console: could not {} {}", refusal != null ? "stop" : "start", CONSOLE_BUNDLE, e);
        }
    }

    /**
     * @return {@code null} when the console may run, else the one-line refusal naming the fix
     */
    static String refusal(boolean production, Object configuredPassword, String frameworkPassword) {
        if (!production) {
            return null;
        }
        Object effective = configuredPassword != null ? configuredPassword
                : frameworkPassword != null ? frameworkPassword : DEFAULT_PASSWORD;
        if (!DEFAULT_PASSWORD.equals(String.valueOf(effective).trim()) && !String.valueOf(effective).isBlank()) {
            return null;
        }
        return "Web console NOT started: production mode (" + PRODUCTION + "=true) and the console's password is"
                + " the default '" + DEFAULT_PASSWORD + "' (or empty). Set another one: -D" + PASSWORD_PROPERTY
                + "=... (e.g. in LIVESWAP_JAVA_OPTS), or 'password' in the configuration " + CONSOLE_PID + ".";
    }

    private Object configuredPassword() {
        try {
            Configuration[] found = configurations.listConfigurations("(service.pid=" + CONSOLE_PID + ")");
            Dictionary<String, Object> properties = found == null ? null : found[0].getProperties();
            return properties == null ? null : properties.get("password");
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.warn("Web console: could not read the configuration {}", CONSOLE_PID, e);
            return null;
        }
    }

    private Bundle consoleBundle() {
        for (Bundle bundle : context.getBundles()) {
            if (CONSOLE_BUNDLE.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        return null;
    }
}
