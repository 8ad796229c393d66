package io.liveswap.shell.remote;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.Map;

import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.junit.Test;

public class CredentialsTest {

    private static final Path HERE = Path.of("").toAbsolutePath();

    @Test
    public void thePasswordLetsInTheConfiguredUserOnly() throws Exception {
        PasswordAuthenticator passwords = Credentials.from(config("operator", "s3cret", ""), HERE).passwords();
        assertTrue(passwords.authenticate("operator", "s3cret", null));
        assertFalse("a wrong password", passwords.authenticate("operator", "s3cret ", null));
        assertFalse("an empty password", passwords.authenticate("operator", "", null));
        assertFalse("another user with the right password", passwords.authenticate("root", "s3cret", null));
    }

    @Test
    public void aMethodThatIsNotConfiguredIsNotOffered() {
        assertNull(Credentials.from(config("operator", "s3cret", ""), HERE).publicKeys());
        assertNull(Credentials.from(config("operator", "", "etc/authorized_keys"), HERE).passwords());
    }

    @Test
    public void aConfigurationWithNoWayInOrNoUserIsRefused() {
        IllegalArgumentException noWayIn = assertThrows(IllegalArgumentException.class,
                () -> Credentials.from(config("operator", "", " "), HERE));
        assertTrue(noWayIn.getMessage(), noWayIn.getMessage().contains("password=... or authorizedKeysFile=..."));
        assertThrows(IllegalArgumentException.class, () -> Credentials.from(config(" ", "s3cret", ""), HERE));
    }

    @Test
    public void theTerminalSizeFallsBackTo80By24() {
        assertTrue(SshTerminal.size(Map.of()).getColumns() == 80 && SshTerminal.size(Map.of()).getRows() == 24);
        assertTrue(SshTerminal.size(Map.of("COLUMNS", "132", "LINES", "x")).getColumns() == 132);
        assertTrue(SshTerminal.size(Map.of("COLUMNS", "132", "LINES", "x")).getRows() == 24);
    }

    static RemoteShellConfig config(String user, String password, String authorizedKeysFile) {
        return new RemoteShellConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RemoteShellConfig.class;
            }

            @Override
            public int port() {
                return 0;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public String user() {
                return user;
            }

            @Override
            public String password() {
                return password;
            }

            @Override
            public String authorizedKeysFile() {
                return authorizedKeysFile;
            }

            @Override
            public String hostKeyFile() {
                return "liveswap-data/ssh/host-key";
            }
        };
    }
}
