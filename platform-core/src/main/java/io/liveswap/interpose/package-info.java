/**
 * Interposition: code inserted in front of a running unit, at runtime, without touching the unit.
 *
 * <p>A bundle registers a {@link io.liveswap.interpose.UnitInterceptor} service with the property
 * {@value io.liveswap.interpose.UnitInterceptor#INTERCEPTS} naming the unit (and optionally
 * {@value io.liveswap.interpose.UnitInterceptor#METHODS}, the method names it applies to). From then on calls to
 * the unit go through it, in service ranking order, whatever version of the unit serves; it can run code before,
 * after or around a call, or shadow a method entirely by not proceeding (a hotfix for one method). Unregistering it,
 * or {@code liveswap:uninterpose}, restores the plain path. An interposed call runs generated code (no reflection); a method no interceptor applies to is a direct call.
 */
@Export
@Version("1.0.0")
package io.liveswap.interpose;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
