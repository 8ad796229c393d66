package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.Test;

/**
 * Fleet membership on a real ZooKeeper (Curator's {@code TestingServer}) with real runtime processes: two containers
 * join, each publishes its units' versions and keeps them current across an update, {@code liveswap:fleet} lists
 * both, a container killed with {@code kill -9} leaves when its session ends, a member registers again when
 * ZooKeeper comes back empty (its session lost), and a container without configuration joins nothing.
 */
public class FleetMembershipIT {

    private static final String MEMBERS = "/liveswap/fleets/it/members";

    @Test
    public void containersJoinPublishTheirVersionsAndLeave() throws Exception {
        TestingServer first = new TestingServer(true);
        int port = first.getPort();
        try (TestingServer zookeeper = first;
                CuratorFramework client = CuratorFrameworkFactory.newClient(zookeeper.getConnectString(),
                        new RetryOneTime(100));
                RuntimeProcess a = RuntimeProcess.start(Files.createTempDirectory("liveswap-fleet-a"),
                        options(zookeeper, "a"));
                RuntimeProcess b = RuntimeProcess.start(Files.createTempDirectory("liveswap-fleet-b"),
                        options(zookeeper, "b"))) {
            client.start();
            Await.until("both members registered", Duration.ofSeconds(30),
                    () -> children(client).equals(List.of("a", "b")));
            assertEquals("1.0.0", member(client, "a").getProperty("unit.notebook"));

            UpdateJars.drop("demo-notebook-v2", a.deploy(), "notebook-2.0.0.jar");
            Await.until("a publishes 2.0.0", Duration.ofSeconds(30),
                    () -> "2.0.0".equals(member(client, "a").getProperty("unit.notebook")));
            assertEquals("b did not move", "1.0.0", member(client, "b").getProperty("unit.notebook"));
            String listed = String.join("\n", b.typed("liveswap:fleet"));
            assertTrue(listed, listed.contains("2 members") && listed.matches("(?s).*\\ba\\s.*notebook 2\\.0\\.0.*")
                    && listed.matches("(?s).*\\bb \\(this\\)\\s.*notebook 1\\.0\\.0.*"));

            a.kill(); // kill -9: a's session ends after its timeout, and its node with it
            Await.until("a killed leaves the fleet", Duration.ofSeconds(30),
                    () -> children(client).equals(List.of("b")));

            // ZooKeeper lost: a new, empty server on the same port knows none of the old sessions, so b's session
            // is expired when it reconnects, and b must register again in a new one
            zookeeper.close();
            try (TestingServer fresh = new TestingServer(port, true);
                    CuratorFramework again = CuratorFrameworkFactory.newClient(fresh.getConnectString(),
                            new RetryOneTime(100))) {
                again.start();
                Await.until("b registers again in a new session", Duration.ofSeconds(60),
                        () -> children(again).equals(List.of("b")));
                assertEquals("1.0.0", member(again, "b").getProperty("unit.notebook"));
            }
        }
    }

    @Test
    public void withoutConfigurationNoFleetIsJoined() throws Exception {
        try (RuntimeProcess runtime = RuntimeProcess.start(Files.createTempDirectory("liveswap-fleet-none"))) {
            String answer = String.join("\n", runtime.typed("liveswap:fleet"));
            assertTrue(answer, answer.startsWith("liveswap:fleet: this container is in no fleet: configure"));
            runtime.awaitOutput("Fleet: not configured", Duration.ofSeconds(10));
        }
    }

    private static String[] options(TestingServer zookeeper, String member) {
        return new String[] {"-Dliveswap.fleet.connect=" + zookeeper.getConnectString(), "-Dliveswap.fleet.name=it",
            "-Dliveswap.fleet.member=" + member, "-Dliveswap.fleet.sessionTimeoutMillis=4000"};
    }

    private static List<String> children(CuratorFramework client) {
        try {
            return client.checkExists().forPath(MEMBERS) == null ? List.of()
                    : client.getChildren().forPath(MEMBERS).stream().sorted().toList();
        } catch (Exception e) {
            return List.of("unreadable: " + e);
        }
    }

    private static Properties member(CuratorFramework client, String id) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(client.getData().forPath(MEMBERS + "/" + id),
                    StandardCharsets.UTF_8)));
        } catch (Exception e) {
            properties.setProperty("error", e.toString());
        }
        return properties;
    }
}
