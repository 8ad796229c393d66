package io.liveswap.shell.remote;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the remote shell, PID {@value RemoteShell#PID}. Without a configuration of that PID the remote
 * shell does not run and no port is opened. At least one of {@link #password()} and {@link #authorizedKeysFile()}
 * must be set. Relative paths are resolved against the runtime's working folder.
 */
@ObjectClassDefinition(name = "Liveswap remote shell (SSH)",
        description = "The Gogo console over SSH. Off unless this configuration exists.")
public @interface RemoteShellConfig {

    @AttributeDefinition(description = "TCP port to listen on")
    int port() default 8101;

    @AttributeDefinition(description = "Address to listen on; the loopback address unless set otherwise")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "The one user name accepted")
    String user() default "liveswap";

    @AttributeDefinition(type = AttributeType.PASSWORD,
            description = "Password of the user; empty turns password authentication off")
    String password() default "";

    @AttributeDefinition(description = "OpenSSH authorized_keys file of the user (RSA and ECDSA keys); empty turns "
            + "public key authentication off")
    String authorizedKeysFile() default "";

    @AttributeDefinition(description = "Where the server's host key is kept (generated on the first start)")
    String hostKeyFile() default "liveswap-data/ssh/host-key";
}
