package io.liveswap.mediator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the mediators (PID {@value #PID}). */
@ObjectClassDefinition(name = "Liveswap mediators", description = "Deadlines of swaps")
public @interface MediatorConfig {

    /** The configuration PID shared by the mediator components. */
    String PID = "io.liveswap.mediator";

    @AttributeDefinition(description = "How long a swap waits for the calls inside a unit to return before it"
            + " aborts (milliseconds)")
    long quiescenceTimeoutMillis() default 3000;

    @AttributeDefinition(description = "How long a planned swap's state transfer (export, transform, import) may take"
            + " inside the pause before the swap aborts and the old version keeps serving with its state"
            + " (milliseconds); the abandoned transfer's result is discarded")
    long stateTransferTimeoutMillis() default 2000;

    @AttributeDefinition(description = "How long a call may wait at a unit blocked by a swap before it fails with"
            + " UnitUnavailableException (milliseconds); a safety net, swaps release callers sooner")
    long callerWaitLimitMillis() default 10000;

    @AttributeDefinition(description = "When an implementation bundle is updated or stopped the plain OSGi way:"
            + " how long callers wait for a replacement before they get UnitUnavailableException (milliseconds)")
    long replacementTimeoutMillis() default 3000;

    @AttributeDefinition(description = "How long an update waits for a newly installed bundle to register its"
            + " implementation (milliseconds)")
    long registrationTimeoutMillis() default 10000;

    @AttributeDefinition(description = "How the instances of a multi-instance unit move to a new version when its"
            + " factory service does not say (liveswap.migration): lazy (each on its next call) or eager (all"
            + " inside the update's pause)", options = {
                @org.osgi.service.metatype.annotations.Option(label = "lazy", value = "lazy"),
                @org.osgi.service.metatype.annotations.Option(label = "eager", value = "eager")})
    String instanceMigration() default "lazy";
}
