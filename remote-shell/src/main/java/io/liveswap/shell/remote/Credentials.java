package io.liveswap.shell.remote;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;

import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * Who may log in, from the configuration: one user name, with a password, keys from an authorized_keys file, or
 * both. A method that is not configured is not offered at all (its authenticator is {@code null}).
 *
 * <p>Threading: the authenticators are called on MINA's I/O threads, any number at once; they hold no mutable
 * state of their own (MINA's {@link AuthorizedKeysAuthenticator} re-reads the file when it changes, under its lock).
 */
final class Credentials {

    private final String user;
    private final byte[] password;
    private final AuthorizedKeysAuthenticator keys;

    private Credentials(String user, String password, Path authorizedKeys) {
        this.user = user;
        this.password = password.isEmpty() ? null : password.getBytes(StandardCharsets.UTF_8);
        this.keys = authorizedKeys == null ? null : new AuthorizedKeysAuthenticator(authorizedKeys);
    }

    /**
     * The credentials a configuration names.
     *
     * @throws IllegalArgumentException if it names no user, or neither a password nor an authorized_keys file
     */
    static Credentials from(RemoteShellConfig config, Path workingFolder) {
        String user = config.user().trim();
        if (user.isEmpty()) {
            throw new IllegalArgumentException("the remote shell's configuration names no user (user=...)");
        }
        String keysFile = config.authorizedKeysFile().trim();
        if (config.password().isEmpty() && keysFile.isEmpty()) {
            throw new IllegalArgumentException("the remote shell's configuration allows no way in: set password=... "
                    + "or authorizedKeysFile=... (an OpenSSH authorized_keys file)");
        }
        return new Credentials(user, config.password(),
                keysFile.isEmpty() ? null : workingFolder.resolve(keysFile).toAbsolutePath());
    }

    /** Password authentication, or {@code null} when no password is configured. */
    PasswordAuthenticator passwords() {
        if (password == null) {
            return null;
        }
        return (username, offered, session) -> isUser(username)
                && MessageDigest.isEqual(password, offered.getBytes(StandardCharsets.UTF_8));
    }

    /** Public key authentication, or {@code null} when no authorized_keys file is configured. */
    PublickeyAuthenticator publicKeys() {
        if (keys == null) {
            return null;
        }
        return (String username, PublicKey key, ServerSession session) -> isUser(username)
                && keys.authenticate(username, key, session);
    }

    private boolean isUser(String username) {
        return user.equals(username);
    }
}
