package io.liveswap.shell.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote shell: an SSH server (Apache MINA SSHD) in front of the runtime's Gogo command processor, as Apache
 * Karaf has. Each SSH channel gets its own Gogo session: a {@code shell} channel the JLine console ({@link
 * GogoShell}), an {@code exec} channel one command line ({@link GogoExec}).
 *
 * <p>Lifecycle: runs only while a configuration of PID {@value #PID} exists (configuration policy REQUIRE): without
 * one, no port is opened. Activation opens the port and fails (and SCR logs it) when the port is taken or the
 * configuration allows no way in; a changed configuration re-creates the component, so the server restarts with
 * it; deactivation closes the port and every open SSH session at once.
 */
@Component(configurationPid = RemoteShell.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = RemoteShellConfig.class)
public final class RemoteShell {

    /** The configuration PID. */
    public static final String PID = "io.liveswap.ssh";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteShell.class);

    private final SshServer server;

    @Activate
    public RemoteShell(@Reference CommandProcessor processor, @Reference Shell console, RemoteShellConfig config) {
        Path workingFolder = Path.of("").toAbsolutePath();
        Credentials credentials;
        try {
            credentials = Credentials.from(config, workingFolder);
        } catch (IllegalArgumentException e) {
            LOG.error("Remote shell not started: {} (configuration {})", e.getMessage(), PID);
            throw e;
        }
        server = SshServer.setUpDefaultServer();
        server.setHost(config.host());
        server.setPort(config.port());
        server.setKeyPairProvider(hostKey(workingFolder.resolve(config.hostKeyFile())));
        server.setPasswordAuthenticator(credentials.passwords());
        server.setPublickeyAuthenticator(credentials.publicKeys());
        server.setKeyboardInteractiveAuthenticator(null);
        server.setShellFactory(channel -> new GogoShell(processor, console));
        server.setCommandFactory((channel, command) -> new GogoExec(processor, command));
        try {
            server.start();
        } catch (IOException e) {
            LOG.error("Remote shell: cannot listen on {}:{} ({}); change port=... in the configuration {}",
                    config.host(), config.port(), e.getMessage(), PID);
            throw new UncheckedIOException(e);
        }
        LOG.info("Remote shell (SSH) listening on {}:{} for user '{}' ({})", config.host(), server.getPort(),
                config.user(), methods(config));
    }

    @Deactivate
    void stop() throws IOException {
        server.stop(true);
        LOG.info("Remote shell (SSH) closed");
    }

    private static SimpleGeneratorHostKeyProvider hostKey(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the SSH host key " + file, e);
        }
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm("EC");
        return provider;
    }

    private static String methods(RemoteShellConfig config) {
        List<String> methods = new java.util.ArrayList<>();
        if (!config.password().isEmpty()) {
            methods.add("password");
        }
        if (!config.authorizedKeysFile().isBlank()) {
            methods.add("keys in " + config.authorizedKeysFile());
        }
        return String.join(", ", methods);
    }
}
