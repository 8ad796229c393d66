package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static io.liveswap.it.Platform.platform;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;

import org.junit.Before;
import org.junit.Test;
import org.ops4j.pax.exam.Option;

import io.liveswap.api.UnitDTO;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.fixture.session.Session;
import io.liveswap.mediator.SwapReport;

/**
 * A multi-instance unit, {@code sessions}: instances made through the platform's factory proxy, updated lazily
 * (2.0.0, a transformer renames their state) and eagerly (3.0.0), every instance keeping its touches; exactly-once
 * migration when many threads make the first call at once; an instance that cannot migrate keeps serving; the
 * instances nobody holds are collected.
 */
public class ManyInstancesIT extends PlatformTestBase {

    private InstanceFactory sessions;

    @Override
    protected Option testOptions() {
        return at(UNITS, "session-api", "session-v1");
    }

    @Before
    public void factory() throws Exception {
        sessions = Platform.proxy(context, InstanceFactory.class, "sessions");
    }

    private List<Session> create(int n, String prefix) {
        List<Session> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Session session = sessions.create(Session.class, Map.of("owner", prefix + i));
            for (int k = 0; k <= i % 7; k++) {
                session.touch();
            }
            made.add(session);
        }
        return made;
    }

    private boolean installed(String symbolicName) {
        return Arrays.stream(context.getBundles()).anyMatch(b -> symbolicName.equals(b.getSymbolicName()));
    }

    @Test
    public void aLazyUpdateMovesEachInstanceWithItsStateOnItsNextCall() throws Exception {
        List<Session> made = create(2000, "user");
        SwapReport report = mediator.update("sessions", Platform.location("session-v2"));

        assertTrue(report.committed);
        assertTrue(report.lazy);
        assertEquals(2000, report.instancesPending);
        assertEquals(0, report.instancesMigrated);
        assertEquals(Map.of("1.0.0", 2000L), table.unit("sessions").instancesByVersion);
        assertTrue("the old version serves its instances until they move", installed("io.liveswap.fixture.session.v1"));
        String listing = new Shell(processor).run("liveswap:units");
        assertTrue(listing, listing.contains("2000"));

        for (int i = 0; i < 1000; i++) {
            assertEquals("session " + i + " keeps its touches", i % 7 + 2, made.get(i).touch());
            assertEquals("2.0.0", made.get(i).version());
        }
        assertEquals(Map.of("1.0.0", 1000L, "2.0.0", 1000L), table.unit("sessions").instancesByVersion);
        listing = new Shell(processor).run("liveswap:units");
        assertTrue(listing, listing.contains("2000 (1.0.0: 1000, 2.0.0: 1000)"));
        Session fresh = sessions.create(Session.class, Map.of("owner", "newcomer"));
        assertEquals("new instances come from the new version at once", "2.0.0", fresh.version());

        for (int i = 1000; i < 2000; i++) {
            assertEquals(i % 7 + 2, made.get(i).touch());
        }
        assertEquals(Map.of("2.0.0", 2001L), table.unit("sessions").instancesByVersion);
        Await.until("version 1.0.0's bundle is retired after its last instance moved",
                () -> !installed("io.liveswap.fixture.session.v1"));
        assertEquals("user1999", made.get(1999).owner());
    }

    @Test
    public void manyThreadsMakingTheFirstCallAtOnceMigrateEachInstanceExactlyOnce() throws Exception {
        List<Session> made = create(300, "shared");
        assertTrue(mediator.update("sessions", Platform.location("session-v2")).committed);
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Session> order = new ArrayList<>(made);
            Collections.shuffle(order);
            Thread caller = new Thread(() -> {
                try {
                    start.await();
                    for (Session session : order) {
                        session.touch();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            caller.start();
            callers.add(caller);
        }
        for (Thread caller : callers) {
            caller.join(Duration.ofSeconds(60).toMillis());
            assertFalse("caller still running", caller.isAlive());
        }
        assertEquals("failures: " + failures, 0, failures.size());
        for (int i = 0; i < made.size(); i++) {
            // a second migration of one instance would leave some touches in a discarded copy
            assertEquals("session " + i, i % 7 + 1 + threads, made.get(i).touches());
            assertEquals("2.0.0", made.get(i).version());
        }
        assertEquals(Map.of("2.0.0", 300L), table.unit("sessions").instancesByVersion);
    }

    @Test
    public void anEagerUpdateMovesEveryInstanceInsideThePauseChainingTransformersForLaggards() throws Exception {
        List<Session> made = create(1000, "user");
        assertTrue(mediator.update("sessions", Platform.location("session-v2")).committed);
        for (int i = 0; i < 500; i++) {
            made.get(i).touch(); // half move to 2.0.0, half stay on 1.0.0
        }
        assertEquals(Map.of("1.0.0", 500L, "2.0.0", 500L), table.unit("sessions").instancesByVersion);

        SwapReport report = mediator.update("sessions", Platform.location("session-v3"));

        assertTrue(report.committed);
        assertFalse("3.0.0 asks for eager migration", report.lazy);
        assertEquals(1000, report.instancesMigrated);
        assertEquals(0, report.instancesFailed);
        assertEquals(Map.of("3.0.0", 1000L), table.unit("sessions").instancesByVersion);
        for (int i = 0; i < 1000; i++) {
            assertEquals("session " + i, i % 7 + 1 + (i < 500 ? 1 : 0), made.get(i).touches());
            assertEquals("3.0.0", made.get(i).version());
        }
        Await.until("1.0.0 and 2.0.0 retired", () -> !installed("io.liveswap.fixture.session.v1")
                && !installed("io.liveswap.fixture.session.v2"));
    }

    @Test
    public void anInstanceThatCannotMigrateKeepsServingOnItsVersionWhileTheOthersMove() throws Exception {
        List<Session> made = create(50, "user");
        Session immovable = sessions.create(Session.class, Map.of("owner", "immovable"));
        immovable.touch();
        assertTrue(mediator.update("sessions", Platform.location("session-v2")).committed);

        for (Session session : made) {
            session.touch();
        }
        assertEquals("it keeps serving on its version", 2, immovable.touch());
        assertEquals("1.0.0", immovable.version());
        assertEquals(3, immovable.touch());
        UnitDTO unit = table.unit("sessions");
        assertEquals(1, unit.instancesFailed);
        assertEquals(Map.of("1.0.0", 1L, "2.0.0", 50L), unit.instancesByVersion);
        String status = new Shell(processor).run("liveswap:status sessions");
        assertTrue(status, status.contains("instances failed to migrate")
                && status.contains("51 (1.0.0: 1, 2.0.0: 50)"));
        assertTrue("its version stays installed", installed("io.liveswap.fixture.session.v1"));

        SwapReport report = mediator.update("sessions", Platform.location("session-v3"));
        assertEquals("3.0.0 takes it over, through the 1.0.0 -> 2.0.0 transformer", 51, report.instancesMigrated);
        assertEquals("3.0.0", immovable.version());
        assertEquals(4, immovable.touch());
        Await.until("1.0.0 retired once its last instance moved", () -> !installed("io.liveswap.fixture.session.v1"));
    }

    @Test
    public void theShellFinishesALazyUpdateForInstancesNobodyCalled() throws Exception {
        List<Session> made = create(500, "idle");
        assertTrue(mediator.update("sessions", Platform.location("session-v2")).committed);
        made.get(0).touch();
        Shell shell = new Shell(processor);
        String answer = shell.run("liveswap:migrate sessions").strip();
        assertTrue(answer, answer.startsWith("sessions: 499 instances moved to 2.0.0 in a pause of "));
        assertEquals(Map.of("2.0.0", 500L), table.unit("sessions").instancesByVersion);
        assertEquals(3, made.get(1).touch());
        Await.until("1.0.0 retired", () -> !installed("io.liveswap.fixture.session.v1"));
        String refused = shell.run("liveswap:migrate nosuchunit").strip();
        assertEquals("one line naming the cause and the remedy",
                "liveswap:migrate: unknown unit 'nosuchunit' (known units: sessions). liveswap:units lists them",
                refused);
    }

    @Test
    public void aPlainBundleUpdateOfTheFactoryBundleMovesEveryInstanceWithItsState() throws Exception {
        List<Session> made = create(200, "user");
        org.osgi.framework.Bundle v1 = Arrays.stream(context.getBundles())
                .filter(b -> "io.liveswap.fixture.session.v1".equals(b.getSymbolicName())).findFirst().orElseThrow();
        try (java.io.InputStream v2 = new java.net.URL(Platform.location("session-v2")).openStream()) {
            v1.update(v2); // the plain OSGi way: same bundle, new content (2.0.0 and its transformer)
        }
        java.util.concurrent.CountDownLatch refreshed = new java.util.concurrent.CountDownLatch(1);
        context.getBundle(0).adapt(org.osgi.framework.wiring.FrameworkWiring.class)
                .refreshBundles(List.of(v1), e -> refreshed.countDown());
        assertTrue("refresh finished", refreshed.await(30, java.util.concurrent.TimeUnit.SECONDS));
        Await.until("the unit serves 2.0.0", () -> "2.0.0".equals(table.unit("sessions").version));

        for (int i = 0; i < made.size(); i++) {
            assertEquals("session " + i + " keeps its touches", i % 7 + 2, made.get(i).touch());
            assertEquals("2.0.0", made.get(i).version());
        }
        assertEquals(Map.of("2.0.0", 200L), table.unit("sessions").instancesByVersion);
    }

    @Test
    public void anUpdateAppliedFromTheShellIsJournaledLikeAnyOther() throws Exception {
        List<Session> made = create(100, "user");
        Shell shell = new Shell(processor);
        String applied = shell.run("liveswap:apply " + Platform.location("session-v2")).strip();
        assertTrue(applied, applied.startsWith("COMMITTED sessions 1.0.0 -> 2.0.0"));
        assertEquals(Map.of("1.0.0", 100L), table.unit("sessions").instancesByVersion);
        assertEquals(2, made.get(0).touch());
        assertTrue(shell.run("liveswap:history sessions").contains("COMMITTED"));
        String stale = shell.run("liveswap:apply " + Platform.location("session-v2")).strip();
        assertTrue(stale, stale.contains("REFUSED"));
        assertEquals("2.0.0", made.get(1).version());
    }

    @Test
    public void instancesNobodyHoldsAreCollectedAndLeaveTheCount() throws Exception {
        List<WeakReference<Session>> dropped = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            dropped.add(new WeakReference<>(sessions.create(Session.class, Map.of("owner", "gone" + i))));
        }
        Session kept = sessions.create(Session.class, Map.of("owner", "kept"));
        assertTrue(mediator.update("sessions", Platform.location("session-v2")).committed);
        Await.until("collected instances leave the count", Duration.ofSeconds(30), () -> {
            System.gc();
            return table.unit("sessions").instances == 1;
        });
        for (WeakReference<Session> reference : dropped) {
            assertNull("the platform keeps no dropped instance alive", reference.get());
        }
        assertEquals(1, kept.touch());
        Await.until("1.0.0 retired: its other instances were collected, the last one moved",
                () -> !installed("io.liveswap.fixture.session.v1"));
    }
}
