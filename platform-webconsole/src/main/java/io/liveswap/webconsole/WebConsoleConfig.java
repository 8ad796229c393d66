package io.liveswap.webconsole;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Liveswap page (PID {@code io.liveswap.webconsole.LiveswapPlugin}). */
@ObjectClassDefinition(name = "Liveswap web console page")
@interface WebConsoleConfig {

    @AttributeDefinition(description = "folder where uploaded update bundles are kept (relative to the runtime's"
            + " working folder)")
    String uploadFolder() default "liveswap-data/uploads";

    @AttributeDefinition(description = "journal records shown in the timeline, newest first")
    int journalEntries() default 50;

    @AttributeDefinition(description = "pauses per unit shown in its chart, newest")
    int chartSwaps() default 20;
}
