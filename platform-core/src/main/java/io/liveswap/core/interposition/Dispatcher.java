package io.liveswap.core.interposition;

/**
 * The end of an interceptor chain: implemented by every generated interposer, called by the last
 * {@link InterposedCall#proceed()} to run the interface method with the (possibly changed) arguments on the target.
 * Public only because generated classes in other class loaders implement it; not for other code.
 */
public interface Dispatcher {

    /**
     * @param method the index of the method in the interposer's method order
     * @param arguments its arguments, boxed
     * @return its result, boxed ({@code null} for {@code void})
     * @throws Throwable what the target threw, unchanged
     */
    Object liveswap$dispatch(int method, Object[] arguments) throws Throwable;
}
