package io.liveswap.core.factory;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

import io.liveswap.core.proxy.UnitProxy;
import io.liveswap.factory.InstanceFactory;

/**
 * {@code this} escaping through a return value of a multi-instance unit's instance: its instance proxy hands back
 * itself where the instance returns itself, so a consumer holding the result of a fluent call stays on the instance
 * proxy and its writes follow the instance to the next version. (Multi-instance units run in counting mode only.)
 */
public class InstanceSelfReturnTest {

    public interface Tab {
        Tab add(long x);

        long total();

        int version();

        Tab nothing();

        Tab sibling();
    }

    /** One version's instance; adding to it once its state moved on is a violation (a lost write). */
    static final class TabImpl implements Tab {
        final int version;
        private long total;
        private boolean moved;
        int violations;

        TabImpl(int version, long total) {
            this.version = version;
            this.total = total;
        }

        @Override
        public Tab add(long x) {
            if (moved) {
                violations++;
            }
            total += x;
            return this;
        }

        @Override
        public long total() {
            return total;
        }

        @Override
        public int version() {
            return version;
        }

        @Override
        public Tab nothing() {
            return null;
        }

        @Override
        public Tab sibling() {
            return new TabImpl(version, 0);
        }
    }

    private UnitProxy proxy;
    private InstanceTable table;
    private final Map<Integer, ServiceReference<?>> references = new HashMap<>();
    private final List<TabImpl> made = new ArrayList<>();

    @Before
    public void setUp() {
        proxy = UnitProxy.create("tabs", List.of(InstanceFactory.class));
        table = new InstanceTable("tabs", List.of(Tab.class), proxy);
    }

    private InstanceFactory factory(int version) {
        return new InstanceFactory() {
            @Override
            public List<Class<?>> instanceTypes() {
                return List.of(Tab.class);
            }

            @Override
            public Object create(Map<String, Object> arguments) {
                return made(new TabImpl(version, 0));
            }
        };
    }

    /** An update the way a mediator does it: close, drain, advance (instances move lazily), open. */
    private InstanceFactory update(int version) throws Exception {
        proxy.gate().close(List.of(proxy.gate()), System.nanoTime() + 10_000_000_000L);
        try {
            proxy.gate().awaitQuiescence(System.nanoTime() + 10_000_000_000L);
            InstanceTable.Advance advance = table.advance(reference(version), new Version(version, 0, 0),
                    factory(version), (instance, from, arguments) -> {
                        TabImpl old = (TabImpl) instance;
                        old.moved = true;
                        return made(new TabImpl(version, old.total));
                    }, false);
            proxy.retarget(advance.front());
            return advance.front();
        } finally {
            proxy.gate().open();
        }
    }

    private TabImpl made(TabImpl tab) {
        made.add(tab);
        return tab;
    }

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

    @Test
    public void aFluentCallOnAnInstanceReturnsItsInstanceProxy() throws Exception {
        Tab tab = update(1).create(Tab.class, Map.of());
        assertSame(tab, tab.add(1));
        assertSame(tab, tab.add(2).add(3));
        assertEquals(6, tab.total());
        assertNull(tab.nothing());
        Tab sibling = tab.sibling();
        assertNotSame("another instance of the implementation is a raw object", tab, sibling);
        assertEquals(TabImpl.class, sibling.getClass());
    }

    @Test
    public void aHeldFluentResultFollowsTheInstanceAcrossUpdatesAndLosesNoWrite() throws Exception {
        Tab tab = update(1).create(Tab.class, Map.of());
        Tab held = tab.add(1);
        long writes = 1;
        for (int v = 2; v <= 5; v++) {
            update(v);
            for (int i = 0; i < 10; i++) {
                held = held.add(1);
                writes++;
            }
            assertEquals("the instance moved to version " + v, v, held.version());
        }
        assertSame(tab, held);
        assertEquals("no write lost", writes, tab.total());
        assertEquals(Map.of("5.0.0", 1L), table.countByVersion());
        assertEquals("versions made", 5, made.size());
        assertEquals("writes that reached a version the instance had left", 0,
                made.stream().mapToInt(t -> t.violations).sum());
    }
}
