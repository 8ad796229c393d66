/**
 * Generated proxy classes: one class, one loader and one instance per unit. The call path is a static-final
 * {@link java.lang.invoke.MutableCallSite} invoker that the JIT folds to a constant, so a call through the proxy
 * compiles to a direct, inlinable call on the current implementation.
 */
package io.liveswap.core.proxy;
