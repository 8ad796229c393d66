/**
 * Quiescence: the gates that block new calls to a unit during a swap and tell when the calls already inside have
 * drained. {@link io.liveswap.core.quiescence.CountingGate} is on the call path of generated proxies (default mode);
 * {@link io.liveswap.core.quiescence.StackScanGate} costs nothing per call and scans thread stacks during a swap.
 */
package io.liveswap.core.quiescence;
