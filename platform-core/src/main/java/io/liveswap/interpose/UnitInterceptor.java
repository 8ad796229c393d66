package io.liveswap.interpose;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Code interposed in front of a unit. Called on the caller's thread for every intercepted call; must be thread
 * safe. Exceptions it throws reach the caller as they are (declare only what the unit's method declares).
 */
@ConsumerType
public interface UnitInterceptor {

    /** Service property naming the unit to intercept. */
    String INTERCEPTS = "liveswap.intercepts";

    /** Optional service property: the method names to intercept (default: all). */
    String METHODS = "liveswap.intercepts.methods";

    /**
     * @param invocation the call; {@link Invocation#proceed()} runs the next interceptor or the unit itself
     * @return the call's result (boxed for primitives; ignored for {@code void})
     * @throws Throwable whatever the call should throw
     */
    Object intercept(Invocation invocation) throws Throwable;
}
