package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.junit.Test;

/**
 * The remote shell on the real runtime, driven with Apache MINA SSHD's client: no port without configuration; with
 * one (dropped into the watched folder), {@code liveswap:units} answers over SSH with a password and with a key, a
 * wrong password is refused, the interactive console works and its {@code exit} ends only the SSH session; removing
 * the configuration closes the port.
 */
public class RemoteShellIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String USER = "operator";

    @Test
    public void theConsoleAnswersOverSshOnlyWhileConfigured() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-ssh");
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        Path authorizedKeys = folder.resolve("authorized_keys");
        Files.writeString(authorizedKeys, PublicKeyEntry.toString(key.getPublic()) + "\n");
        Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-------"));
        int port = freePort();
        String password = "pw-" + System.nanoTime();

        try (RuntimeProcess runtime = RuntimeProcess.start(folder); SshClient client = client()) {
            Set<Integer> before = ListeningPorts.of(runtime.pid());
            assertFalse("no SSH port without configuration: " + before, before.contains(8101));

            int mark = runtime.mark();
            configure(runtime.deploy(), "port=" + port + "\nuser=" + USER + "\npassword=" + password
                    + "\nauthorizedKeysFile=" + authorizedKeys + "\n");
            runtime.awaitSince(mark, "Remote shell (SSH) listening on 127.0.0.1:" + port);
            assertEquals(plus(before, port), ListeningPorts.of(runtime.pid()));

            try (ClientSession session = login(client, port, s -> s.addPasswordIdentity(password))) {
                String units = session.executeRemoteCommand("liveswap:units");
                assertTrue(units, units.contains("notebook  1.0.0    serving  io.liveswap.demo.notebook.list"));
            }
            assertThrows("a wrong password is refused", SshException.class,
                    () -> login(client, port, s -> s.addPasswordIdentity(password + "x")).close());
            try (ClientSession session = login(client, port, s -> s.addPublicKeyIdentity(key))) {
                assertTrue(session.executeRemoteCommand("liveswap:units").contains("notebook"));
                interactiveConsole(session);
            }
            assertTrue("exit at the remote console leaves the runtime running",
                    runtime.command("liveswap:units", "notebook ").contains("serving"));

            mark = runtime.mark();
            Files.delete(runtime.deploy().resolve("io.liveswap.ssh.cfg"));
            runtime.awaitSince(mark, "Remote shell (SSH) closed");
            runtime.await("the SSH port is closed", () -> listening(runtime).equals(before));
        }
    }

    /** Types at the console over a pty: a command, then {@code exit}, which closes the channel. */
    private static void interactiveConsole(ClientSession session) throws IOException {
        StringBuffer screen = new StringBuffer();
        try (ChannelShell shell = session.createShellChannel()) {
            shell.setOut(new Screen(screen));
            shell.setErr(new Screen(screen));
            shell.open().verify(WAIT);
            OutputStream keyboard = shell.getInvertedIn();
            Await.until("the remote console's prompt", WAIT, () -> screen.indexOf("g! ") >= 0);
            keyboard.write("liveswap:units\r".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            Await.until("the units at the remote console:\n" + screen, WAIT,
                    () -> screen.indexOf("io.liveswap.demo") >= 0);
            keyboard.write("exit\r".getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
            Set<ClientChannelEvent> events = shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT);
            assertTrue("exit closes the SSH channel: " + events + "\n" + screen,
                    events.contains(ClientChannelEvent.CLOSED));
        }
    }

    private static SshClient client() {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.start();
        return client;
    }

    private interface Identity {
        void add(ClientSession session);
    }

    private static ClientSession login(SshClient client, int port, Identity identity) throws IOException {
        ClientSession session = client.connect(USER, "127.0.0.1", port).verify(WAIT).getSession();
        try {
            identity.add(session);
            session.auth().verify(WAIT);
            return session;
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /** Writes the configuration beside the folder and moves it in, so the folder never shows half a file. */
    private static void configure(Path deploy, String content) throws IOException {
        Path staged = deploy.resolveSibling("io.liveswap.ssh.cfg");
        Files.writeString(staged, content);
        Files.move(staged, deploy.resolve("io.liveswap.ssh.cfg"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static Set<Integer> listening(RuntimeProcess runtime) {
        try {
            return ListeningPorts.of(runtime.pid());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<Integer> plus(Set<Integer> ports, int port) {
        Set<Integer> more = new TreeSet<>(ports);
        more.add(port);
        return more;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What the console prints, collected as text. */
    private static final class Screen extends OutputStream {
        private final StringBuffer text;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Screen(StringBuffer text) {
            this.text = text;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            flush();
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            pending.write(bytes, offset, length);
            flush();
        }

        @Override
        public synchronized void flush() {
            text.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }
}
