package io.liveswap.mediator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

import io.liveswap.api.Reason;
import io.liveswap.factory.InstanceFactory;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.internal.SwapProtocol.Move;
import io.liveswap.state.StatefulUnit;

/**
 * Every code a swap refuses or aborts with, one row per code, against fake units: the code, and every unit of the
 * swap still on its old version and implementation, with its gate open and its state unchanged. The transfer's own
 * codes have their rows in {@link StateTransferReasonsTest}; the rows here show they reach the swap's abort too.
 */
public class SwapReasonsTest {

    private static final Map<String, Object> NOTES = Map.of("notes", List.of("milk", "eggs"));
    private static final Deadlines DEADLINES = new Deadlines(Duration.ofMillis(50), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

    /** A swap set up to fail: the protocol, the moves, the units with the implementations they must keep. */
    private record Case(SwapProtocol protocol, List<Move> moves, Map<FakeUnit, FakeStatefulUnit> kept,
            Runnable cleanUp) {
    }

    private static final List<Reason> CODES = List.of(Reason.NOT_A_CANDIDATE, Reason.INTERFACE_REMOVED,
            Reason.ALREADY_CURRENT, Reason.BAD_MIGRATION_MODE, Reason.QUIESCENCE_TIMEOUT, Reason.INTERRUPTED,
            Reason.TRANSFER_TIMEOUT, Reason.REPOINT_FAILED, Reason.EXPORT_FAILED, Reason.NOT_STATEFUL,
            Reason.TRANSFORMER_FAILED, Reason.IMPORT_FAILED, Reason.UNEXPECTED, Reason.STATE_FORMAT_CHANGED);

    @Test
    public void everyRefusalAndAbortOfASwapCarriesItsCodeAndChangesNoVersion() {
        for (Reason code : CODES) {
            Case row = caseOf(code);
            try {
                RuntimeException failed = assertThrows(code.toString(), RuntimeException.class,
                        () -> row.protocol().run(row.moves()));
                Thread.interrupted(); // the INTERRUPTED row leaves the flag set, as the protocol must
                assertEquals(failed.toString(), code, reasonOf(failed));
                row.kept().forEach((unit, old) -> {
                    assertEquals(code + ": unit '" + unit.unit() + "' keeps its version", "1.0.0",
                            unit.version().toString());
                    assertSame(code + ": unit '" + unit.unit() + "' keeps its implementation", old,
                            unit.implementation());
                    assertFalse(code + ": the gate of unit '" + unit.unit() + "' is open", unit.closed());
                    assertEquals(code + ": the old state is unchanged", NOTES, old.state());
                    assertFalse(code + ": the old version was not retired", old.wasRetired());
                });
            } finally {
                row.cleanUp().run();
            }
        }
    }

    @Test
    public void aFailureWithoutItsOwnCodeIsUnexpected() {
        assertEquals(Reason.UNEXPECTED, CodedFailure.of(new IllegalStateException("anything"), Reason.UNEXPECTED));
        assertEquals(Reason.UNEXPECTED, CodedFailure.of(new NoClassDefFoundError("x"), Reason.UNEXPECTED));
        assertEquals(Reason.NOT_REGISTERED, CodedFailure.of(new CodedFailure(Reason.NOT_REGISTERED, "late", null),
                Reason.UNEXPECTED));
    }

    private static Reason reasonOf(RuntimeException failed) {
        if (failed instanceof SwapAbortedException aborted) {
            return aborted.reason();
        }
        if (failed instanceof CodedFailure coded) {
            return coded.reason();
        }
        fail("neither an abort nor a coded refusal: " + failed);
        return null;
    }

    /** A new version whose import waits until {@code release} opens (bounded), or its thread is interrupted. */
    private static StatefulUnit blockedImport(CountDownLatch release) {
        @io.liveswap.state.StateFormat("fake/1")
        class Blocked implements StatefulUnit {
            @Override
            public Map<String, Object> exportState() {
                return Map.of();
            }

            @Override
            public void importState(Map<String, Object> state) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException abandoned) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return new Blocked();
    }

    /** A new version whose state format differs from the fakes' ({@code fake/1}). */
    @io.liveswap.state.StateFormat("fake/2")
    private static final class OtherFormat implements StatefulUnit {
        @Override
        public Map<String, Object> exportState() {
            return Map.of();
        }

        @Override
        public void importState(Map<String, Object> state) {
            throw new AssertionError("state in a format it does not read");
        }
    }

    /** The row of one code. */
    private static Case caseOf(Reason code) {
        FakeReference v1 = new FakeReference("v1");
        FakeReference v2 = new FakeReference("v2");
        FakeStatefulUnit old = new FakeStatefulUnit(NOTES);
        FakeStatefulUnit fresh = new FakeStatefulUnit(Map.of());
        FakeUnit notebook = new FakeUnit("notebook", v1, "1.0.0", old).offer(v2, "2.0.0", fresh);
        Transformers transformers = new Transformers();
        Deadlines deadlines = DEADLINES;
        List<Move> moves = List.of(new Move(notebook, v2));
        Map<FakeUnit, FakeStatefulUnit> kept = Map.of(notebook, old);
        Runnable cleanUp = () -> {
        };
        switch (code) {
            case NOT_A_CANDIDATE -> moves = List.of(new Move(notebook, new FakeReference("stranger")));
            case INTERFACE_REMOVED -> {
                FakeReference narrower = new FakeReference("narrower");
                notebook = new FakeUnit("notebook", v1, "1.0.0", old).offer(narrower, "2.0.0", fresh)
                        .unservable(narrower);
                moves = List.of(new Move(notebook, narrower));
                kept = Map.of(notebook, old);
            }
            case ALREADY_CURRENT -> moves = List.of(new Move(notebook, v1));
            case BAD_MIGRATION_MODE -> {
                FakeReference sideways = new FakeReference("sideways", Map.of(InstanceFactory.MIGRATION, "sideways"));
                notebook.offer(sideways, "2.0.0", fresh).claimingMultipleInstances();
                moves = List.of(new Move(notebook, sideways));
            }
            case QUIESCENCE_TIMEOUT -> notebook.neverQuiet("worker-1 in Notebook.add");
            case INTERRUPTED -> { // the transfer still runs when the swap thread, interrupted, waits for it
                CountDownLatch release = new CountDownLatch(1);
                notebook.offer(v2, "2.0.0", blockedImport(release));
                Thread.currentThread().interrupt();
                cleanUp = release::countDown;
            }
            case TRANSFER_TIMEOUT -> {
                CountDownLatch release = new CountDownLatch(1);
                notebook.offer(v2, "2.0.0", blockedImport(release));
                deadlines = new Deadlines(DEADLINES.quiescence(), DEADLINES.callerWaitLimit(),
                        DEADLINES.replacement(), DEADLINES.registration(), Duration.ofMillis(50));
                cleanUp = release::countDown;
            }
            case REPOINT_FAILED -> {
                FakeStatefulUnit otherOld = new FakeStatefulUnit(NOTES);
                FakeReference w1 = new FakeReference("w1");
                FakeReference w2 = new FakeReference("w2");
                FakeUnit counter = new FakeUnit("counter", w1, "1.0.0", otherOld)
                        .offer(w2, "2.0.0", new FakeStatefulUnit(Map.of()))
                        .failingRepoint(new IllegalStateException("re-point breaks"));
                moves = List.of(new Move(notebook, v2), new Move(counter, w2)); // notebook re-points, then back
                kept = Map.of(notebook, old, counter, otherOld);
            }
            case EXPORT_FAILED -> old.failingExport(new IllegalStateException("export breaks"));
            case NOT_STATEFUL -> notebook.offer(v2, "2.0.0", new Object());
            case STATE_FORMAT_CHANGED -> notebook.offer(v2, "2.0.0", new OtherFormat());
            case TRANSFORMER_FAILED -> transformers.add(new FakeTransformer("notebook", "1.0.0", "2.0.0", state -> {
                throw new IllegalStateException("transformer breaks");
            }, state -> state));
            case IMPORT_FAILED -> fresh.failingImport(new IllegalStateException("import breaks"));
            case UNEXPECTED -> fresh.failingImport(new NoClassDefFoundError("io/liveswap/Missing"));
            default -> throw new AssertionError("no row for " + code);
        }
        SwapProtocol protocol = new SwapProtocol(new StateTransfer(transformers), deadlines,
                new MigrationChoice(true));
        return new Case(protocol, moves, kept, cleanUp);
    }
}
