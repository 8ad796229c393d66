/**
 * Interposition, the implementation of the exported contract {@link io.liveswap.interpose}: the
 * {@link io.liveswap.core.interposition.InterceptorTracker} (interceptor services, {@code Interposition}), each
 * unit's {@link io.liveswap.core.interposition.InterceptorChain}, and the
 * {@link io.liveswap.core.interposition.Interposer}, the object a unit's proxy points at while interceptors are
 * active for the unit.
 */
package io.liveswap.core.interposition;
