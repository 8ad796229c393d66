package io.liveswap.core.factory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.spi.InstanceMigration;
import io.liveswap.spi.UnitControl.Migrated;

/**
 * The instance table and lazy migration on the real proxies and gate, without a framework: exactly-once migration
 * under racing first calls and updates, eager migration with per-instance failures, chained versions, and
 * collection of instances nobody holds.
 */
public class InstanceMigrationTest {

    public interface Session {
        long touch();

        long touches();

        int version();
    }

    /** One version's instance. Touching it after its state left is a violation; so is exporting it twice. */
    static final class SessionImpl implements Session {
        final int version;
        final AtomicLong violations;
        final AtomicInteger exports = new AtomicInteger();
        private long touches;
        private volatile boolean retired;

        SessionImpl(int version, long touches, AtomicLong violations) {
            this.version = version;
            this.touches = touches;
            this.violations = violations;
        }

        @Override
        public long touch() {
            if (retired) {
                violations.incrementAndGet();
            }
            long next = touches + 1; // not atomic on purpose: only the platform keeps versions apart
            Thread.onSpinWait();
            touches = next;
            return next;
        }

        @Override
        public long touches() {
            return touches;
        }

        @Override
        public int version() {
            return version;
        }

        long export() {
            if (exports.incrementAndGet() > 1) {
                violations.incrementAndGet();
            }
            retired = true;
            return touches;
        }
    }

    private final AtomicLong violations = new AtomicLong();
    private UnitProxy proxy;
    private InstanceTable table;

    @Before
    public void setUp() {
        proxy = UnitProxy.create("sessions", List.of(InstanceFactory.class));
        table = new InstanceTable("sessions", List.of(Session.class), proxy);
    }

    private InstanceFactory factory(int version) {
        return new InstanceFactory() {
            @Override
            public List<Class<?>> instanceTypes() {
                return List.of(Session.class);
            }

            @Override
            public Object create(Map<String, Object> arguments) {
                return new SessionImpl(version, 0, violations);
            }
        };
    }

    /** Exports the old instance and makes one of {@code version} with its touches; refuses owners named "stuck". */
    private InstanceMigration migration(int version, List<String> chains) {
        return (instance, from, arguments) -> {
            if ("stuck".equals(arguments.get("owner"))) {
                throw new IllegalStateException("owner 'stuck' cannot move");
            }
            if (chains != null) {
                synchronized (chains) {
                    chains.add(from + "->" + version);
                }
            }
            return new SessionImpl(version, ((SessionImpl) instance).export(), violations);
        };
    }

    /** An update the way a mediator does it: close, drain, advance, open. */
    private InstanceTable.Advance update(int version, InstanceMigration migration, boolean eager) throws Exception {
        proxy.gate().close(List.of(proxy.gate()), System.nanoTime() + 10_000_000_000L);
        try {
            proxy.gate().awaitQuiescence(System.nanoTime() + 10_000_000_000L);
            InstanceTable.Advance advance = table.advance(reference(version), new Version(version, 0, 0),
                    factory(version), migration, eager);
            proxy.retarget(advance.front());
            return advance;
        } finally {
            proxy.gate().open();
        }
    }

    private final Map<Integer, ServiceReference<?>> references = new java.util.HashMap<>();

    /** A stand-in for the service reference of one version's factory: only its identity matters here. */
    private ServiceReference<?> reference(int version) {
        return references.computeIfAbsent(version, v -> (ServiceReference<?>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ServiceReference.class},
                (p, m, a) -> switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> null;
                }));
    }

    private InstanceFactory front(int version) throws Exception {
        return update(version, migration(version, null), false).front();
    }

    @Test
    public void racingFirstCallsAndUpdatesMigrateEachInstanceExactlyOnceAndLoseNoTouch() throws Exception {
        InstanceFactory factory = front(1);
        int n = 64;
        Session[] sessions = new Session[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = factory.create(Session.class, Map.of());
        }
        AtomicLongArray done = new AtomicLongArray(n);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread caller = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    int i = random.nextInt(n);
                    synchronized (sessions[i]) { // one touch at a time per session, as its consumer would
                        sessions[i].touch();
                        done.incrementAndGet(i);
                    }
                }
            });
            caller.start();
            callers.add(caller);
        }
        List<String> chains = new ArrayList<>();
        int updates = 200;
        for (int v = 2; v <= updates + 1; v++) {
            update(v, migration(v, chains), v % 10 == 0); // every tenth update eager
        }
        stop.set(true);
        for (Thread caller : callers) {
            caller.join();
        }
        for (int i = 0; i < n; i++) {
            assertEquals("touches of session " + i, done.get(i), sessions[i].touches());
            assertEquals("session " + i + " ends on the last version", updates + 1, sessions[i].version());
        }
        assertEquals("calls on a migrated-away version, or a version exported twice", 0, violations.get());
        assertTrue("lazy updates skipped versions for some sessions", chains.size() < n * updates);
        assertEquals(Map.of((updates + 1) + ".0.0", (long) n), table.countByVersion());
    }

    @Test
    public void eagerUpdateMovesEveryInstanceInsideThePauseAndReportsTheOnesThatFail() throws Exception {
        InstanceFactory factory = front(1);
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Session s = factory.create(Session.class, Map.of("owner", i == 7 ? "stuck" : "u" + i));
            for (int k = 0; k <= i; k++) {
                s.touch();
            }
            sessions.add(s);
        }
        Migrated migrated = update(2, migration(2, null), true).migrated();
        assertEquals(99, migrated.migrated());
        assertEquals(1, migrated.failed());
        assertEquals(0, migrated.pending());
        assertTrue(migrated.failures().get(0), migrated.failures().get(0).contains("owner 'stuck' cannot move"));
        assertEquals(Map.of("1.0.0", 1L, "2.0.0", 99L), table.countByVersion());
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 1, sessions.get(i).touches());
            assertEquals(i == 7 ? 1 : 2, sessions.get(i).version());
        }
        assertEquals(1, table.failedToMigrate());
    }

    @Test
    public void anInstanceSeveralVersionsBehindMovesThroughOneMigrationFromItsOwnVersion() throws Exception {
        Session lagging = front(1).create(Session.class, Map.of());
        lagging.touch();
        List<String> chains = new ArrayList<>();
        update(2, migration(2, chains), false);
        update(3, migration(3, chains), false);
        assertEquals(Map.of("1.0.0", 1L), table.countByVersion());
        assertEquals(2, lagging.touch());
        assertEquals(List.of("1.0.0->3"), chains);
        assertEquals(3, lagging.version());
    }

    @Test
    public void anInstanceSwappedAwayAndBackBeforeItsNextCallIsAdoptedNotRecreated() throws Exception {
        Session s = front(1).create(Session.class, Map.of());
        s.touch();
        List<String> chains = new ArrayList<>();
        update(2, migration(2, chains), false);
        ServiceReference<?> first = reference(1);
        proxy.gate().close(List.of(proxy.gate()), System.nanoTime() + 10_000_000_000L);
        try {
            table.advance(first, new Version(1, 0, 0), factory(1), migration(1, chains), false);
        } finally {
            proxy.gate().open();
        }
        assertEquals(2, s.touch());
        assertEquals("the same object serves on: no export, no new instance", List.of(), chains);
        assertEquals(1, s.version());
        assertEquals(Map.of("1.0.0", 1L), table.countByVersion());
    }

    @Test
    public void aReplacedVersionIsReportedUnusedOnlyOnceItsLastInstanceMoved() throws Exception {
        InstanceFactory factory = front(1);
        Session a = factory.create(Session.class, Map.of());
        Session b = factory.create(Session.class, Map.of());
        InstanceTable.Advance second = update(2, migration(2, null), false);
        AtomicInteger retired = new AtomicInteger();
        table.whenUnused(reference(1), retired::incrementAndGet);
        assertEquals(0, retired.get());
        a.touch();
        assertEquals(0, retired.get());
        b.touch();
        assertEquals(1, retired.get());
        assertEquals("the new front makes instances of the new version", 2,
                second.front().create(Session.class, Map.of()).version());
        assertEquals("one made through a superseded front moves on its first call", 2,
                factory.create(Session.class, Map.of()).version());
    }

    @Test
    public void instancesNobodyHoldsAreCollectedAndLeaveTheCount() throws Exception {
        InstanceFactory factory = front(1);
        List<WeakReference<Object>> refs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            refs.add(new WeakReference<>(factory.create(Map.of())));
        }
        Session kept = factory.create(Session.class, Map.of());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (table.count() > 1 && System.nanoTime() < deadline) {
            System.gc();
            Thread.onSpinWait();
        }
        assertEquals(1, table.count());
        for (WeakReference<Object> ref : refs) {
            assertNull(ref.get());
        }
        assertEquals(1, kept.touch());
    }

    @Test
    public void instanceProxiesShowTheirUnitAndVersionAndKeepIdentity() throws Exception {
        Session s = front(1).create(Session.class, Map.of());
        assertTrue(s.toString(), s.toString().contains("unit=sessions") && s.toString().contains("version 1.0.0"));
        assertTrue(s.equals(s));
        assertEquals(System.identityHashCode(s), s.hashCode());
    }
}
