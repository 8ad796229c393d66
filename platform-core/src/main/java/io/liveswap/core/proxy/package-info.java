/**
 * Generated proxy classes: one class, one loader and one instance per unit (and per face of the unit), plus one
 * instance-proxy class per multi-instance unit. The call path inside each forwarded method belongs to the unit's
 * quiescence mode ({@link io.liveswap.core.quiescence.CallPath}): in the default counting mode a call enters the
 * unit's {@link io.liveswap.core.quiescence.CountingGate} (one volatile store), reads the target from it (one
 * volatile load) and exits (one release store); in the opt-in stack-scan mode the path is only a static-final
 * {@link java.lang.invoke.MutableCallSite} invoker that the JIT folds to a constant, so the call compiles to a
 * direct, inlinable call on the current implementation.
 */
package io.liveswap.core.proxy;
