package io.liveswap.fleet.member;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of fleet membership (PID {@value #PID}). Empty values fall back to framework properties
 * ({@code liveswap.fleet.connect}, {@code liveswap.fleet.name}, {@code liveswap.fleet.member}); without a connect
 * string the container joins no fleet and opens no connection.
 */
@ObjectClassDefinition(name = "Liveswap fleet")
public @interface FleetConfig {

    /** The configuration PID. */
    String PID = "io.liveswap.fleet";

    /** The default session timeout; left at it, the framework property liveswap.fleet.sessionTimeoutMillis rules. */
    int DEFAULT_SESSION_MILLIS = 15000;

    @AttributeDefinition(description = "ZooKeeper connect string, e.g. zk1:2181,zk2:2181,zk3:2181 (empty: the"
            + " framework property liveswap.fleet.connect; none: no fleet)")
    String connect() default "";

    @AttributeDefinition(description = "The fleet's name: containers of one fleet see each other and take its"
            + " rollouts (empty: the framework property liveswap.fleet.name, else 'default')")
    String fleet() default "";

    @AttributeDefinition(description = "This container's id in the fleet, unique in it (empty: the framework property"
            + " liveswap.fleet.member, else host name and process id)")
    String member() default "";

    @AttributeDefinition(description = "ZooKeeper session timeout in milliseconds: how long a container that stopped"
            + " answering still counts as a member (left at 15000: the framework property"
            + " liveswap.fleet.sessionTimeoutMillis, if set)")
    int sessionTimeoutMillis() default DEFAULT_SESSION_MILLIS;

    @AttributeDefinition(description = "How often this container's entry is brought up to date, in milliseconds")
    long publishMillis() default 1000;
}
