package io.liveswap.metrics;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the metrics endpoint (PID {@value #PID}). The path is the servlet's whiteboard pattern: set
 * {@code osgi.http.whiteboard.servlet.pattern} in the same configuration to serve it elsewhere than
 * {@value MetricsServlet#PATH}.
 */
@ObjectClassDefinition(name = "Liveswap metrics",
        description = "Prometheus metrics of the platform's units, swaps and updates, and of the JVM")
public @interface MetricsConfig {

    String PID = "io.liveswap.metrics";

    @AttributeDefinition(description = "Also serve the JVM's metrics (memory, garbage collection, threads, classes,"
            + " CPU) of the Prometheus Java client")
    boolean jvm() default true;

    @AttributeDefinition(description = "How long a scrape waits for the count of pending updates while an update"
            + " runs (the update manager answers between updates) before it reports the last count read, in ms")
    long pendingWaitMillis() default 200;
}
