package io.liveswap.api;

import org.osgi.dto.DTO;

/**
 * A snapshot of one updatable unit as the translation table sees it. Instances are not live: they describe the
 * unit at the moment they were made.
 */
public class UnitDTO extends DTO {

    /** The unit name ({@value UnitConstants#UNIT}). */
    public String name;

    /** Version of the implementation the proxy targets, or of the last one it targeted if unavailable. */
    public String version;

    /** Fully qualified names of the service interfaces the proxy is registered under. */
    public String[] interfaces;

    /** Whether the proxy currently targets an implementation; calls otherwise fail fast. */
    public boolean available;

    /** How the unit detects quiescence during a swap: {@code counting} (default) or {@code stack-scan}. */
    public String quiescence;

    /** Bundle id of the current implementation's bundle, or -1 when unavailable. */
    public long implementationBundleId;

    /** Symbolic name of the current implementation's bundle, or {@code null} when unavailable. */
    public String implementationBundle;

    /** Class name of the current implementation object, or {@code null} when unavailable. */
    public String implementationClass;

    /** Service id of the unit's proxy service. */
    public long proxyServiceId;

    /** Calls made through the proxy (approximate while calls run); -1 in stack-scan mode, which counts nothing. */
    public long calls;

    /** Number of values in the state the last swap carried into the current version; -1 if none was carried. */
    public long stateValues = -1;

    /** Live instances of a multi-instance unit (collected ones excluded); -1 for a unit of one instance. */
    public long instances = -1;

    /** Live instances per version of a multi-instance unit (several while instances migrate lazily). */
    public java.util.Map<String, Long> instancesByVersion;

    /** Instances of a multi-instance unit that failed to migrate to the current version and serve on an older one. */
    public long instancesFailed;

    /**
     * Proxy services of the unit: 1, or more after interface-changing updates (one per copy of the interfaces that
     * consumers are wired to; older copies reach the current version through adapters).
     */
    public int faces = 1;

    /** Versions of other registered implementations of this unit that the table could re-point to. */
    public String[] candidates;

    /**
     * Swaps of this unit that committed since the platform started, planned ({@code Mediator}) or unplanned (a
     * plain OSGi bundle update, stop or uninstall that a replacement answered). The times below describe them.
     *
     * @since 1.2
     */
    public long swaps;

    /**
     * The last swap's pause in microseconds: from closing the unit's gate to opening it on the new version, the
     * longest a new call waited; -1 before the first swap. After an unplanned update it includes the wait for the
     * replacement bundle.
     *
     * @since 1.2
     */
    public long lastPauseMicros = -1;

    /**
     * The last swap's drain in microseconds: from closing the gate until no call ran in the unit; -1 before the
     * first swap.
     *
     * @since 1.2
     */
    public long lastDrainMicros = -1;

    /**
     * The last swap's state transfer in microseconds (export, transform, import); -1 before the first swap or if
     * it was not measured.
     *
     * @since 1.2
     */
    public long lastTransferMicros = -1;

    /**
     * Every swap's pause since the platform started, counted in 24 fixed log2 buckets of microseconds (chosen over
     * the last N values: constant size, nothing dropped, comparable across units and runs):
     * {@code pauseHistogram[0]} counts pauses under 1 µs; {@code pauseHistogram[i]} for {@code 1 <= i <= 22}
     * counts pauses of at least 2<sup>i-1</sup> and under 2<sup>i</sup> µs; the last bucket,
     * {@code pauseHistogram[23]}, counts pauses of 2<sup>22</sup> µs (about 4.2 s) or more. Its sum is
     * {@link #swaps}.
     *
     * @since 1.2
     */
    public long[] pauseHistogram;

    /**
     * Calls through the unit's proxies since its current version became current (approximate while calls run); -1
     * in stack-scan mode, which counts nothing.
     *
     * @since 1.4
     */
    public long versionCalls = -1;

    /**
     * Exceptions thrown to callers through the unit's proxies since its current version became current (each
     * proxy call that ended by throwing, the platform's own {@link UnitUnavailableException} excluded); -1 in
     * stack-scan mode. Counted off the path of calls that return normally.
     *
     * @since 1.4
     */
    public long versionThrown = -1;

    /** The version the unit ran before its current one since the platform started, or {@code null}. @since 1.4 */
    public String previousVersion;

    /** Calls the {@link #previousVersion} served while it was current; -1 if unknown. @since 1.4 */
    public long previousVersionCalls = -1;

    /** Exceptions the {@link #previousVersion} threw to callers while it was current; -1 if unknown. @since 1.4 */
    public long previousVersionThrown = -1;
}
