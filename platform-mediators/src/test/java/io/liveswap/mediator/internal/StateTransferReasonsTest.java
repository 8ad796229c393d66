package io.liveswap.mediator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.junit.Test;
import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.state.StateTransformer;
import io.liveswap.state.StatefulUnit;

/**
 * Every way a state transfer fails carries its own code, one row per code; the old version's state is never
 * touched (the failing transfer leaves the exported copy for the old version to keep serving with).
 */
public class StateTransferReasonsTest {

    private static final Version V1 = Version.parseVersion("1.0.0");
    private static final Version V2 = Version.parseVersion("2.0.0");

    /** One row: the old and new implementations, the transformers, the direction, and the code expected. */
    private record Row(Reason expected, Holder old, Object fresh, List<StateTransformer> registered, boolean down) {
    }

    /** A stateful version holding one map, with an export and an import that may be replaced. */
    @io.liveswap.state.StateFormat("u/1")
    private static final class Holder implements StatefulUnit {
        final Map<String, Object> state;
        final Function<Map<String, Object>, Map<String, Object>> export;
        final boolean refusesImport;

        Holder(Map<String, Object> state, Function<Map<String, Object>, Map<String, Object>> export,
                boolean refusesImport) {
            this.state = state;
            this.export = export;
            this.refusesImport = refusesImport;
        }

        static Holder of(Map<String, Object> state) {
            return new Holder(state, s -> s, false);
        }

        @Override
        public Map<String, Object> exportState() {
            return export.apply(state);
        }

        @Override
        public void importState(Map<String, Object> imported) {
            if (refusesImport) {
                throw new IllegalStateException("refuses on purpose");
            }
        }
    }

    /** A transformer 1.0.0 to 2.0.0, with a downward step that keeps the state if {@code downward}. */
    private static StateTransformer transformer(UnaryOperator<Map<String, Object>> upgrade, boolean downward) {
        return new TestTransformer("u", "1.0.0", "2.0.0", upgrade, downward ? s -> s : null);
    }

    private static StateTransformer between(String from, String to) {
        return TestTransformer.identity(from, to);
    }

    private static final Map<String, Object> STATE = Map.of("count", 5);

    private static final List<Row> ROWS = List.of(
            new Row(Reason.EXPORT_FAILED, new Holder(STATE, s -> {
                throw new IllegalStateException("export breaks");
            }, false), Holder.of(Map.of()), List.of(), false),
            new Row(Reason.INVALID_STATE, new Holder(STATE, s -> Map.of("total", new StringBuilder()), false),
                    Holder.of(Map.of()), List.of(), false),
            new Row(Reason.NOT_STATEFUL, Holder.of(STATE), new Object(), List.of(), false),
            new Row(Reason.TRANSFORMER_MISSING, Holder.of(STATE), Holder.of(Map.of()),
                    List.of(between("1.0.0", "1.5.0"), between("1.2.0", "2.0.0")), false),
            new Row(Reason.TRANSFORMER_FAILED, Holder.of(STATE), Holder.of(Map.of()), List.of(transformer(s -> {
                throw new IllegalArgumentException("transformer breaks");
            }, true)), false),
            new Row(Reason.INVALID_STATE, Holder.of(STATE), Holder.of(Map.of()),
                    List.of(transformer(s -> Map.of("x", new Object()), true)), false),
            new Row(Reason.NO_DOWNWARD_TRANSFORMER, Holder.of(STATE), Holder.of(Map.of()),
                    List.of(transformer(s -> s, false)), true),
            new Row(Reason.IMPORT_FAILED, Holder.of(STATE), new Holder(Map.of(), s -> s, true),
                    List.of(transformer(s -> s, true)), false));

    @Test
    public void everyFailureOfATransferCarriesItsCode() {
        for (Row row : ROWS) {
            Transformers transformers = new Transformers();
            row.registered().forEach(transformers::add);
            StateTransfer transfer = new StateTransfer(transformers);
            Version from = row.down() ? V2 : V1;
            Version to = row.down() ? V1 : V2;
            RuntimeException failed = assertThrows(row.expected().toString(), RuntimeException.class, () -> {
                StateGraph.Copy exported = transfer.export("u", from, row.old());
                transfer.carry("u", exported, from, to, row.fresh());
            });
            assertEquals(failed.toString(), row.expected(), CodedFailure.of(failed, Reason.UNEXPECTED));
            assertEquals("the old version's state is untouched", STATE, row.old().state);
        }
    }

    @Test
    public void aCarriedStateHasNoCode() {
        Transformers transformers = new Transformers();
        transformers.add(transformer(s -> s, true));
        StateTransfer transfer = new StateTransfer(transformers);
        StateGraph.Copy exported = transfer.export("u", V1, Holder.of(STATE));
        assertTrue(transfer.carry("u", exported, V1, V2, Holder.of(Map.of())) > 0);
    }

    /** A version in another state format than {@link Holder}'s. */
    @io.liveswap.state.StateFormat("u/2")
    private static final class Reshaped implements StatefulUnit {
        Map<String, Object> imported;

        @Override
        public Map<String, Object> exportState() {
            return Map.of();
        }

        @Override
        public void importState(Map<String, Object> state) {
            imported = state;
        }
    }

    /** Versions that keep their state in fields (automatic transfer). */
    static final class CodeAsText {
        String code = "7";
        long kept = 3;
    }

    static final class CodeAsNumber {
        int code;
        long kept;
    }

    static final class Widened {
        String code;
        double kept;
    }

    @Test
    public void aFormatChangeWithoutATransformerChainIsRefusedAndPassesWithOne() {
        StateTransfer bare = new StateTransfer(new Transformers());
        CodedFailure refused = assertThrows(CodedFailure.class,
                () -> bare.check("u", V1, Holder.of(STATE), V2, new Reshaped()));
        assertEquals(Reason.STATE_FORMAT_CHANGED, refused.reason());
        assertTrue(refused.getMessage(), refused.getMessage().contains("'u/1'")
                && refused.getMessage().contains("'u/2'") && refused.getMessage().contains("StateTransformer"));
        Reshaped fresh = new Reshaped();
        CodedFailure inCarry = assertThrows(CodedFailure.class,
                () -> bare.carry("u", bare.export("u", V1, Holder.of(STATE)), V1, V2, fresh));
        assertEquals("checked again where state is handed over", Reason.STATE_FORMAT_CHANGED, inCarry.reason());
        assertEquals("nothing reached the new version", null, fresh.imported);

        bare.check("u", V1, Holder.of(STATE), V2, Holder.of(Map.of())); // same format: passes as it is

        Transformers chain = new Transformers();
        chain.add(transformer(s -> Map.of("total", s.get("count")), true));
        StateTransfer linked = new StateTransfer(chain);
        linked.check("u", V1, Holder.of(STATE), V2, fresh);
        linked.carry("u", linked.export("u", V1, Holder.of(STATE)), V1, V2, fresh);
        assertEquals(Map.of("total", 5), fresh.imported);
    }

    @Test
    public void automaticTransferRefusesWhatItCannotMapBeforeThePause() {
        StateTransfer transfer = new StateTransfer(new Transformers());
        CodedFailure unmappable = assertThrows(CodedFailure.class,
                () -> transfer.check("u", V1, new CodeAsText(), V2, new CodeAsNumber()));
        assertEquals(Reason.STATE_UNMAPPABLE, unmappable.reason());
        assertTrue(unmappable.getMessage(), unmappable.getMessage().contains("CodeAsNumber.code"));

        CodedFailure mixed = assertThrows(CodedFailure.class,
                () -> transfer.check("u", V1, new CodeAsText(), V2, Holder.of(Map.of())));
        assertEquals("fields cannot feed an importState", Reason.STATE_UNMAPPABLE, mixed.reason());

        Widened fresh = new Widened();
        transfer.check("u", V1, new CodeAsText(), V2, fresh);
        assertTrue(transfer.carryFields("u", V1, new CodeAsText(), V2, fresh, () -> false) > 0);
        assertEquals("7", fresh.code);
        assertEquals(3.0, fresh.kept, 0.0);
    }

    @Test
    public void everyInstanceOfAMultiInstanceUnitIsCarriedByTheSameMapping() throws Exception {
        StateTransfer transfer = new StateTransfer(new Transformers());
        io.liveswap.factory.InstanceFactory factory = new io.liveswap.factory.InstanceFactory() {
            @Override
            public List<Class<?>> instanceTypes() {
                return List.of(Widened.class);
            }

            @Override
            public Object create(Map<String, Object> arguments) {
                return new Widened();
            }
        };
        io.liveswap.spi.InstanceMigration migration = transfer.migration("u", V2, factory);
        for (int i = 0; i < 3; i++) {
            CodeAsText old = new CodeAsText();
            old.code = "code " + i;
            old.kept = i;
            Widened fresh = (Widened) migration.migrate(old, V1, Map.of());
            assertEquals("code " + i, fresh.code);
            assertEquals(i, fresh.kept, 0.0);
        }
        CodedFailure unmappable = assertThrows(CodedFailure.class, () -> transfer.migration("u", V2,
                new io.liveswap.factory.InstanceFactory() {
                    @Override
                    public List<Class<?>> instanceTypes() {
                        return List.of(CodeAsNumber.class);
                    }

                    @Override
                    public Object create(Map<String, Object> arguments) {
                        return new CodeAsNumber();
                    }
                }).migrate(new CodeAsText(), V1, Map.of()));
        assertEquals("an instance that cannot be carried keeps its version", Reason.STATE_UNMAPPABLE,
                unmappable.reason());
    }
}
