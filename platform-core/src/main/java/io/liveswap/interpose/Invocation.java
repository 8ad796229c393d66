package io.liveswap.interpose;

import java.lang.reflect.Method;

import org.osgi.annotation.versioning.ProviderType;

/** One intercepted call. Not thread safe: use it on the calling thread, within the interceptor's call. */
@ProviderType
public interface Invocation {

    /** @return the unit called */
    String unit();

    /** @return the interface method called */
    Method method();

    /** @return the arguments (the array may be changed before {@link #proceed()}) */
    Object[] arguments();

    /**
     * Runs the rest of the chain: the next interceptor, or the unit's current implementation.
     *
     * @return its result
     * @throws Throwable what it threw, unchanged
     */
    Object proceed() throws Throwable;
}
