package io.liveswap.core.interposition;

import java.lang.reflect.Method;

import io.liveswap.interpose.Invocation;
import io.liveswap.interpose.UnitInterceptor;

/**
 * One intercepted call at one position of its method's chain: {@link #proceed()} runs the interceptor at that
 * position with the call one further, or, past the last one, the target through the interposer's
 * {@link Dispatcher}. The interposer makes the first one with position 1 and hands it to the chain's first
 * interceptor. Immutable but for the arguments array; used on the calling thread only. Public only because
 * generated interposers in other class loaders create it.
 */
public final class InterposedCall implements Invocation {

    private final Dispatcher dispatcher;
    private final String unit;
    private final Method method;
    private final int index;
    private final Object[] arguments;
    private final UnitInterceptor[] chain;
    private final int position;

    /**
     * @param dispatcher the interposer
     * @param unit the unit name
     * @param method the interface method called
     * @param index its index in the interposer's method order
     * @param arguments the boxed arguments
     * @param chain the interceptors that apply to the method, in order
     * @param position the interceptor {@link #proceed()} runs next ({@code chain.length}: the target)
     */
    public InterposedCall(Dispatcher dispatcher, String unit, Method method, int index, Object[] arguments,
            UnitInterceptor[] chain, int position) {
        this.dispatcher = dispatcher;
        this.unit = unit;
        this.method = method;
        this.index = index;
        this.arguments = arguments;
        this.chain = chain;
        this.position = position;
    }

    @Override
    public String unit() {
        return unit;
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public Object[] arguments() {
        return arguments;
    }

    @Override
    public Object proceed() throws Throwable {
        if (position == chain.length) {
            return dispatcher.liveswap$dispatch(index, arguments);
        }
        return chain[position].intercept(new InterposedCall(dispatcher, unit, method, index, arguments, chain,
                position + 1));
    }
}
