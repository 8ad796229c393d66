package io.liveswap.core.interposition;

import java.lang.reflect.Method;

import io.liveswap.interpose.Invocation;
import io.liveswap.interpose.UnitInterceptor;

/**
 * One intercepted call at one position of its method's chain. A generated subclass per interface method
 * ({@link InterposerGenerator}) holds the arguments in typed fields and calls the target directly; the boxed
 * {@link #arguments()} array is made only when an interceptor asks for it, and from then on it is what the call
 * carries (changes to it reach the target). {@link #proceed()} runs the interceptor at this position with the call one
 * further ({@link #next()}), or, past the last one, the target. The interposer makes the first one with position 1
 * and hands it to the chain's first interceptor. Used on the calling thread only, within the interceptors' calls, as
 * {@link Invocation} says. Public only because generated classes in other class loaders extend it.
 *
 * <p>A pass-through interceptor that only calls {@code proceed()} therefore costs no array and no boxing of the
 * arguments, and the JIT removes the call object itself when the interceptor does not keep it (escape analysis).
 */
public abstract class InterposedCall implements Invocation {

    protected final Object target;
    protected final String unit;
    protected final Method method;
    protected final UnitInterceptor[] chain;
    protected final int position;
    /** The boxed arguments, once an interceptor asked for them; {@code null} until then. */
    protected Object[] arguments;

    /**
     * @param target the object the interposer fronts
     * @param unit the unit name
     * @param method the interface method called
     * @param chain the interceptors that apply to the method, in order
     * @param position the interceptor {@link #proceed()} runs next ({@code chain.length}: the target)
     * @param arguments the boxed arguments if already made, else {@code null}
     */
    protected InterposedCall(Object target, String unit, Method method, UnitInterceptor[] chain, int position,
            Object[] arguments) {
        this.target = target;
        this.unit = unit;
        this.method = method;
        this.chain = chain;
        this.position = position;
        this.arguments = arguments;
    }

    @Override
    public final String unit() {
        return unit;
    }

    @Override
    public final Method method() {
        return method;
    }

    @Override
    public final Object[] arguments() {
        Object[] made = arguments;
        if (made == null) {
            made = box();
            arguments = made;
        }
        return made;
    }

    @Override
    public final Object proceed() throws Throwable {
        if (position == chain.length) {
            Object[] changed = arguments;
            return changed == null ? invoke() : invoke(changed);
        }
        return chain[position].intercept(next());
    }

    /** @return the typed arguments, boxed in a new array */
    protected abstract Object[] box();

    /** @return the target's result for the typed arguments, boxed ({@code null} for {@code void}) */
    protected abstract Object invoke() throws Throwable;

    /** @return the target's result for the given boxed arguments, boxed ({@code null} for {@code void}) */
    protected abstract Object invoke(Object[] boxed) throws Throwable;

    /** @return this call at the next position, with the same arguments (and array, if made) */
    protected abstract InterposedCall next();
}
