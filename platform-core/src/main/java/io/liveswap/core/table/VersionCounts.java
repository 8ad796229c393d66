package io.liveswap.core.table;

import org.osgi.framework.Version;

import io.liveswap.api.UnitDTO;

/**
 * Calls and exceptions per version of one unit: the proxies count since the platform started, so this keeps the
 * counts at the moment the current version became current, and what the version before it did while it was
 * current. Probation compares the two rates.
 *
 * <p><b>Threading.</b> Called with the unit's row locked ({@link UnitEntry}'s monitor): re-points and DTOs are
 * serialised by it. The counts are read in the swap's pause, after the drain, so a version's calls all belong to
 * it.
 */
final class VersionCounts {

    private Version version;
    private long baseCalls;
    private long baseThrown;
    private Version previous;
    private long previousCalls = -1;
    private long previousThrown = -1;

    /** The proxy now targets {@code to}; {@code calls} and {@code thrown} are the proxies' totals at this moment. */
    void pointed(Version to, long calls, long thrown) {
        if (to.equals(version)) {
            return; // the same version again (interposition changed, a face added): nothing to split
        }
        if (version != null) {
            previous = version;
            previousCalls = difference(calls, baseCalls);
            previousThrown = difference(thrown, baseThrown);
        }
        version = to;
        baseCalls = calls;
        baseThrown = thrown;
    }

    void fill(UnitDTO dto, long calls, long thrown) {
        dto.versionCalls = version == null ? -1 : difference(calls, baseCalls);
        dto.versionThrown = version == null ? -1 : difference(thrown, baseThrown);
        dto.previousVersion = previous == null ? null : previous.toString();
        dto.previousVersionCalls = previousCalls;
        dto.previousVersionThrown = previousThrown;
    }

    private static long difference(long now, long base) {
        return now < 0 || base < 0 ? -1 : Math.max(0, now - base);
    }
}
