package io.liveswap.api;

/**
 * Service property names shared by implementations, proxies and consumers of updatable units.
 */
public final class UnitConstants {

    /**
     * Service property naming the unit a service implements ({@code String}). Set by implementation bundles on
     * their raw implementation services, and by the platform on the unit's proxy.
     */
    public static final String UNIT = "liveswap.unit";

    /**
     * Service property with the unit's version ({@code String} in OSGi version syntax). Optional on an
     * implementation service (defaults to the providing bundle's version); always set on the proxy, where it is
     * the version of the implementation the proxy currently targets.
     */
    public static final String VERSION = "liveswap.unit.version";

    /**
     * Service property {@code Boolean.TRUE} present only on the platform's proxy services. Consumers may filter on
     * {@code (liveswap.proxy=true)} to make explicit that they want the stable proxy.
     */
    public static final String PROXY = "liveswap.proxy";

    /**
     * Name of the {@code osgi.extender} capability the platform provides and unit implementation bundles require.
     */
    public static final String EXTENDER = "liveswap";

    private UnitConstants() {
    }
}
