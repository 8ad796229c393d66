package io.liveswap.fleet.member;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.api.TranslationTable;
import io.liveswap.updates.UpdateManager;

/**
 * This container's membership of a fleet: when a ZooKeeper connect string is configured, it keeps an ephemeral
 * node {@code /liveswap/fleets/<fleet>/members/<id>} holding its {@link MemberRecord} (units, versions,
 * probations), written again whenever that changes. Curator's {@link PersistentNode} recipe re-creates the node
 * after a lost session or a reconnect, so a container that was cut off re-registers by itself; a container that
 * stops (or dies) leaves the fleet when its session ends. Without a connect string nothing starts and no
 * connection is opened.
 *
 * <p><b>Threading.</b> One scheduler thread ({@code liveswap-fleet}) reads the platform and writes the node;
 * Curator runs its own threads. {@link #members()} reads ZooKeeper on the caller's thread.
 *
 * <p><b>Lifecycle.</b> {@code @Activate} connects and registers; {@code @Deactivate} removes the node (an orderly
 * leave), closes the client and stops the scheduler.
 */
@Component(service = FleetMember.class, immediate = true, configurationPid = FleetConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = FleetConfig.class)
public final class FleetMember {

    private static final Logger LOG = LoggerFactory.getLogger(FleetMember.class);
    /** Root of every fleet's nodes. */
    public static final String ROOT = "/liveswap/fleets";

    private final TranslationTable table;
    private final UpdateManager updates;
    private final FleetSettings settings;
    private final String host;
    private CuratorFramework client;
    private PersistentNode node;
    private ScheduledExecutorService scheduler;
    private byte[] published = new byte[0];

    @Activate
    public FleetMember(BundleContext context, @Reference TranslationTable table, @Reference UpdateManager updates,
            FleetConfig config) {
        this.table = table;
        this.updates = updates;
        this.settings = FleetSettings.of(context, config);
        this.host = hostName();
        if (settings.connect().isEmpty()) {
            LOG.info("Fleet: not configured (no ZooKeeper connect string); this container joins no fleet");
            return;
        }
        client = CuratorFrameworkFactory.builder().connectString(settings.connect())
                .sessionTimeoutMs(settings.sessionTimeoutMillis()).connectionTimeoutMs(settings.sessionTimeoutMillis())
                .retryPolicy(new ExponentialBackoffRetry(200, 10, 5000)).build();
        client.start();
        published = record().encode();
        node = new PersistentNode(client, CreateMode.EPHEMERAL, false, memberPath(), published);
        node.start();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "liveswap-fleet");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::publish, settings.publishMillis(), settings.publishMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("Fleet: member '{}' of fleet '{}' on ZooKeeper {} ({})", settings.member(), settings.fleet(),
                settings.connect(), memberPath());
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            if (node != null) {
                node.close(); // deletes the ephemeral node: an orderly leave
            }
        } catch (Exception e) {
            LOG.warn("Fleet: leaving the fleet failed ({}); the node goes when the session ends", e.toString());
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    /** @return whether this container is configured to be in a fleet */
    public boolean configured() {
        return client != null;
    }

    /** @return the settings in force */
    public FleetSettings settings() {
        return settings;
    }

    /**
     * Reads the fleet's members from ZooKeeper now.
     *
     * @throws IllegalStateException naming the cause when not configured or ZooKeeper cannot be read
     */
    public List<MemberRecord> members() {
        if (client == null) {
            throw new IllegalStateException("this container is in no fleet: configure " + FleetConfig.PID
                    + " connect (or the framework property liveswap.fleet.connect)");
        }
        try {
            String path = ROOT + "/" + settings.fleet() + "/members";
            List<MemberRecord> out = new ArrayList<>();
            if (client.checkExists().forPath(path) == null) {
                return out;
            }
            for (String child : client.getChildren().forPath(path).stream().sorted().toList()) {
                try {
                    out.add(MemberRecord.decode(client.getData().forPath(path + "/" + child)));
                } catch (org.apache.zookeeper.KeeperException.NoNodeException left) {
                    LOG.debug("member {} left while listed", child);
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read fleet '" + settings.fleet() + "' from ZooKeeper "
                    + settings.connect() + ": " + e, e);
        }
    }

    /** Writes this container's record when it changed. Never throws: the next round tries again. */
    private void publish() {
        try {
            byte[] now = record().encode();
            if (!Arrays.equals(now, published)) {
                node.setData(now);
                published = now;
            }
        } catch (Exception e) {
            LOG.warn("Fleet: could not publish this member's state ({}); trying again in {} ms", e.toString(),
                    settings.publishMillis());
        }
    }

    private MemberRecord record() {
        return MemberRecord.of(settings.member(), host, ProcessHandle.current().pid(), table.units(),
                updates.probations());
    }

    private String memberPath() {
        return ROOT + "/" + settings.fleet() + "/members/" + settings.member();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
