package io.liveswap.mediator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.spi.InstanceMigration;
import io.liveswap.state.StatefulUnit;

/** Export, transform chain and import of one unit's state, and the same for one instance of a factory unit. */
public class StateTransferTest {

    private static final Version V1 = Version.parseVersion("1.0.0");
    private static final Version V2 = Version.parseVersion("2.0.0");
    private static final Version V3 = Version.parseVersion("3.0.0");

    private final Transformers transformers = new Transformers();
    private final StateTransfer transfer = new StateTransfer(transformers);

    private static Map<String, Object> with(Map<String, Object> state, String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(state);
        out.put(key, value);
        return out;
    }

    @Test
    public void anImplementationWithoutStateExportsNothingAndNothingIsImported() {
        assertNull(transfer.export("u", V1, new Object()));
        FakeStatefulUnit target = new FakeStatefulUnit(Map.of("kept", 1));

        assertEquals(0, transfer.carry("u", null, V1, V2, target));

        assertEquals(0, target.imports());
        assertEquals(Map.of("kept", 1), target.state());
    }

    @Test
    public void theExportIsACopyDetachedFromTheExporter() {
        FakeStatefulUnit source = new FakeStatefulUnit(Map.of("notes", new ArrayList<>(List.of("a"))));

        StateGraph.Copy exported = transfer.export("u", V1, source);
        @SuppressWarnings("unchecked")
        List<Object> live = (List<Object>) source.state().get("notes");
        live.add("b");

        assertEquals(Map.of("notes", List.of("a")), exported.graph());
    }

    @Test
    public void anExportThatThrowsBecomesAnExportFailure() {
        FakeStatefulUnit source = new FakeStatefulUnit(Map.of()).failingExport(new ArithmeticException("bug"));

        CodedFailure e = assertThrows(CodedFailure.class, () -> transfer.export("u", V1, source));
        assertEquals(Reason.EXPORT_FAILED, e.reason());
        assertTrue(e.getCause() instanceof ArithmeticException);
    }

    @Test
    public void theChainRunsUpwardsStepByStepAndItsResultIsImported() {
        transformers.add(new FakeTransformer("u", "1.0.0", "2.0.0", s -> with(s, "step1", true), s -> s));
        transformers.add(new FakeTransformer("u", "2.0.0", "3.0.0", s -> with(s, "sawStep1", s.containsKey("step1")),
                s -> s));
        transformers.add(new FakeTransformer("other", "1.0.0", "3.0.0", s -> Map.of("wrong", "unit"), s -> s));
        FakeStatefulUnit target = new FakeStatefulUnit(Map.of());

        long values = transfer.carry("u", StateGraph.copy("s", Map.of("n", 1)), V1, V3, target);

        assertEquals(Map.of("n", 1, "step1", true, "sawStep1", true), target.state());
        assertEquals(3, values);
        assertEquals(1, target.imports());
    }

    @Test
    public void goingDownRunsTheDowngrades() {
        transformers.add(new FakeTransformer("u", "1.0.0", "2.0.0", s -> s, s -> Map.of("down", "yes")));
        FakeStatefulUnit target = new FakeStatefulUnit(Map.of());

        transfer.carry("u", StateGraph.copy("s", Map.of("n", 1)), V2, V1, target);

        assertEquals(Map.of("down", "yes"), target.state());
    }

    @Test
    public void aTransformerCannotChangeTheExportedGraph() {
        transformers.add(new FakeTransformer("u", "1.0.0", "2.0.0", s -> {
            s.put("n", 2);
            return s;
        }, s -> s));
        StateGraph.Copy exported = StateGraph.copy("s", Map.of("n", 1));
        FakeStatefulUnit target = new FakeStatefulUnit(Map.of());

        CodedFailure e = assertThrows(CodedFailure.class,
                () -> transfer.carry("u", exported, V1, V2, target));
        assertEquals(Reason.TRANSFORMER_FAILED, e.reason());

        assertTrue(e.getCause() instanceof UnsupportedOperationException);
        assertEquals(Map.of("n", 1), exported.graph());
        assertEquals(0, target.imports());
    }

    @Test
    public void aTransformerResultThatIsNotPlainDataIsRefusedBeforeTheImport() {
        transformers.add(new FakeTransformer("u", "1.0.0", "2.0.0", s -> Map.of("leak", new Object()), s -> s));
        FakeStatefulUnit target = new FakeStatefulUnit(Map.of());

        assertThrows(IllegalArgumentException.class,
                () -> transfer.carry("u", StateGraph.copy("s", Map.of()), V1, V2, target));
        assertEquals(0, target.imports());
    }

    @Test
    public void anImportThatThrowsBecomesAnImportFailure() {
        FakeStatefulUnit target = new FakeStatefulUnit(Map.of()).failingImport(new ArithmeticException("bug"));

        CodedFailure e = assertThrows(CodedFailure.class,
                () -> transfer.carry("u", StateGraph.copy("s", Map.of("n", 1)), V1, V2, target));
        assertEquals(Reason.IMPORT_FAILED, e.reason());
        assertTrue(e.getCause() instanceof ArithmeticException);
    }

    @Test
    public void stateForANewVersionWithoutStatefulUnitIsRefusedUnlessItIsEmpty() {
        assertEquals(0, transfer.carry("u", StateGraph.copy("s", Map.of()), V1, V2, new Object()));
        CodedFailure e = assertThrows(CodedFailure.class,
                () -> transfer.carry("u", StateGraph.copy("s", Map.of("n", 1)), V1, V2, new Object()));
        assertEquals(Reason.NOT_STATEFUL, e.reason());
    }

    @Test
    public void anInstanceMigratesThroughTheNewFactoryWithItsState() throws Exception {
        transformers.add(new FakeTransformer("u", "1.0.0", "2.0.0", s -> with(s, "upgraded", true), s -> s));
        Map<String, Object> seenArguments = new HashMap<>();
        InstanceFactory factory = new InstanceFactory() {
            @Override
            public List<Class<?>> instanceTypes() {
                return List.of();
            }

            @Override
            public Object create(Map<String, Object> arguments) {
                seenArguments.putAll(arguments);
                return new FakeStatefulUnit(Map.of());
            }
        };
        InstanceMigration migration = transfer.migration("u", V2, factory);

        Object migrated = migration.migrate(new FakeStatefulUnit(Map.of("owner", "ann")), V1, Map.of("id", 7));

        assertEquals(Map.of("id", 7), seenArguments);
        assertEquals(Map.of("owner", "ann", "upgraded", true), ((FakeStatefulUnit) migrated).state());
    }

    @Test
    public void aFactoryThatFailsLeavesTheInstanceAlone() {
        FakeStatefulUnit instance = new FakeStatefulUnit(Map.of("owner", "ann"));
        InstanceFactory failing = new InstanceFactory() {
            @Override
            public List<Class<?>> instanceTypes() {
                return List.of();
            }

            @Override
            public Object create(Map<String, Object> arguments) {
                throw new IllegalArgumentException("no");
            }
        };

        assertThrows(IllegalStateException.class,
                () -> transfer.migration("u", V2, failing).migrate(instance, V1, Map.of()));
        assertEquals(Map.of("owner", "ann"), instance.state());
    }

    @Test
    public void aFailingRetiredCallbackIsOnlyLogged() {
        FakeStatefulUnit replaced = new FakeStatefulUnit(Map.of());
        StatefulUnit throwing = new StatefulUnit() {
            @Override
            public Map<String, Object> exportState() {
                return Map.of();
            }

            @Override
            public void importState(Map<String, Object> state) {
            }

            @Override
            public void retired() {
                throw new IllegalStateException("retired broken");
            }
        };

        transfer.retire("u", V1, throwing); // does not throw
        transfer.retire("u", V1, new Object()); // nothing to tell
        assertFalse(replaced.wasRetired());
        transfer.retire("u", V1, replaced);

        assertTrue(replaced.wasRetired());
    }
}
