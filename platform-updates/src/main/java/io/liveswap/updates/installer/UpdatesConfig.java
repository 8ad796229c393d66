package io.liveswap.updates.installer;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the update manager (PID {@value #PID}). Empty values fall back to framework properties (see
 * {@link UpdateSettings}).
 */
@ObjectClassDefinition(name = "Liveswap updates")
public @interface UpdatesConfig {

    /** The configuration PID of the update manager. */
    String PID = "io.liveswap.updates";

    @AttributeDefinition(description = "Folder of the update journal and of the archived versions (empty: the"
            + " framework property liveswap.journal.dir, else the platform bundle's data area)")
    String journalDirectory() default "";

    @AttributeDefinition(description = "Key store (PKCS12 or JKS) of the certificates whose signatures updates"
            + " must carry (empty: the framework property liveswap.trust.store; none: unsigned updates are"
            + " accepted)")
    String trustStore() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the trust store (empty: the"
            + " framework property liveswap.trust.password)")
    String trustStorePassword() default "";
}
