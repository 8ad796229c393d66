/**
 * Mediators: safe swaps of running units.
 *
 * <p>A swap blocks new calls to the unit (they wait, they do not fail), waits until the calls already inside have
 * returned (quiescence, bounded by a deadline), moves the state from the old version to the new one through the
 * state transformers between them, re-points the unit's proxy and releases the waiting calls onto the new version.
 * Any failure before the re-point aborts the swap: the waiting calls continue on the old version, whose state is
 * untouched, and the {@link io.liveswap.mediator.SwapAbortedException} names the cause, with its code (an
 * {@link io.liveswap.api.Reason}).
 */
@Export
@Version("1.3.0")
package io.liveswap.mediator;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
