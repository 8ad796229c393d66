/**
 * Quiescence modes: the gates that block new calls to a unit during a swap and tell when the calls already inside
 * have drained, and the call path each mode's proxies run. {@link io.liveswap.core.quiescence.CallPaths} maps each
 * {@link io.liveswap.spi.QuiescenceMode} to its {@link io.liveswap.core.quiescence.CallPath}, which makes the gate
 * and writes the generated method bodies: {@link io.liveswap.core.quiescence.CountingCallPath} puts a
 * {@link io.liveswap.core.quiescence.CountingGate} on the call path (default mode);
 * {@link io.liveswap.core.quiescence.StackScanCallPath} adds nothing per call and its
 * {@link io.liveswap.core.quiescence.StackScanGate} scans thread stacks during a swap. A new mode is a gate, a call
 * path, one line in {@code CallPaths} and a {@code QuiescenceMode} constant.
 */
package io.liveswap.core.quiescence;
