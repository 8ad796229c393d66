package io.liveswap.benchmarks;

/**
 * Which swap a caller's call may have waited for. The swapping thread increments a shared counter when a swap
 * starts and again when it ends (odd while a swap runs); a caller reads it before and after each call.
 */
final class SwapWindows {

    private SwapWindows() {
    }

    /**
     * Records {@code took} as the caller's longest call of a swap if the call started during that swap, or a swap
     * started during the call.
     *
     * @param edgesBefore the counter before the call
     * @param edgesAfter the counter after the call
     * @param took the call's duration
     * @param worstPerSwap the caller's longest call per swap, by swap index
     */
    static void attribute(long edgesBefore, long edgesAfter, long took, long[] worstPerSwap) {
        if ((edgesBefore & 1) == 1 || edgesAfter != edgesBefore) {
            int swap = (int) (((edgesBefore & 1) == 1 ? edgesBefore : edgesAfter - 1) / 2);
            if (swap < worstPerSwap.length && took > worstPerSwap[swap]) {
                worstPerSwap[swap] = took;
            }
        }
    }
}
