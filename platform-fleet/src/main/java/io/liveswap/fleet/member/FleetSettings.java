package io.liveswap.fleet.member;

import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;

/**
 * The fleet settings in force: configuration first, framework properties as fallbacks.
 *
 * @param connect the ZooKeeper connect string; empty: no fleet
 * @param fleet the fleet's name
 * @param member this container's id in it
 * @param sessionTimeoutMillis the ZooKeeper session timeout
 * @param publishMillis how often the member's record is brought up to date
 */
public record FleetSettings(String connect, String fleet, String member, int sessionTimeoutMillis,
        long publishMillis) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /**
     * @throws IllegalArgumentException naming a fleet or member name that cannot be a ZooKeeper node name
     */
    static FleetSettings of(BundleContext context, FleetConfig config) {
        String connect = pick(config.connect(), context.getProperty("liveswap.fleet.connect"), "");
        String fleet = pick(config.fleet(), context.getProperty("liveswap.fleet.name"), "default");
        String member = pick(config.member(), context.getProperty("liveswap.fleet.member"),
                hostName() + "-" + ProcessHandle.current().pid());
        for (String[] name : new String[][] {{"fleet", fleet}, {"member", member}}) {
            if (!NAME.matcher(name[1]).matches()) {
                throw new IllegalArgumentException("the " + name[0] + " name '" + name[1] + "' is not 1 to 100"
                        + " letters, digits, '.', '_' or '-'; set another in " + FleetConfig.PID);
            }
        }
        int session = Integer.parseInt(pick(config.sessionTimeoutMillis() == FleetConfig.DEFAULT_SESSION_MILLIS ? ""
                : Integer.toString(config.sessionTimeoutMillis()), context.getProperty(
                        "liveswap.fleet.sessionTimeoutMillis"), Integer.toString(config.sessionTimeoutMillis())));
        return new FleetSettings(connect, fleet, member, Math.max(1000, session), Math.max(100, config.publishMillis()));
    }

    private static String pick(String configured, String property, String fallback) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return property != null && !property.isBlank() ? property.trim() : fallback;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
        } catch (java.net.UnknownHostException e) {
            return "host";
        }
    }
}
