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

    @AttributeDefinition(description = "Probation after each committed update, in seconds; 0: none (-1: the"
            + " framework property liveswap.probation.seconds, else 60). An update's Liveswap-Probation header sets"
            + " its own")
    long probationSeconds() default -1;

    @AttributeDefinition(description = "Probation fails when the new version's exception rate (exceptions per call)"
            + " exceeds the previous version's by more than this fraction of calls")
    double probationErrorMargin() default 0.05;

    @AttributeDefinition(description = "Calls the new version must have served before its exception rate is judged")
    long probationMinCalls() default 20;

    @AttributeDefinition(description = "How often probation signals are read, in milliseconds (-1: the framework"
            + " property liveswap.probation.checkMillis, else 1000)")
    long probationCheckMillis() default -1;

    @AttributeDefinition(description = "Health checks (Apache Felix Health Checks) with this tag watch every unit on"
            + " probation; those tagged <tag>.unit.<unit name> watch one unit")
    String probationHealthTag() default "liveswap";

    @AttributeDefinition(description = "The worst health check status a unit on probation may show and pass: OK"
            + " (any other status fails it), WARN or TEMPORARILY_UNAVAILABLE")
    String probationHealthTolerates() default "OK";
}
