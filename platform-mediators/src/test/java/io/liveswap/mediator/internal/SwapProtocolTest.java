package io.liveswap.mediator.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.liveswap.api.Reason;
import io.liveswap.mediator.SwapAbortedException;
import io.liveswap.mediator.SwapReport;
import io.liveswap.mediator.internal.SwapProtocol.Move;
import io.liveswap.spi.QuiescenceTimeoutException;

/**
 * The swap protocol against fake units: what it calls on each unit and in which order, where the state goes, and
 * that every failure before the re-point leaves the old versions serving with their state and the gates open.
 */
public class SwapProtocolTest {

    private static final Map<String, Object> NOTES = Map.of("notes", List.of("milk", "eggs"));

    private final Transformers transformers = new Transformers();
    private final SwapProtocol protocol = new SwapProtocol(new StateTransfer(transformers),
            new Deadlines(Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
            new MigrationChoice(true));

    private final FakeReference v1 = new FakeReference("v1");
    private final FakeReference v2 = new FakeReference("v2");
    private final FakeStatefulUnit old = new FakeStatefulUnit(NOTES);
    private final FakeStatefulUnit fresh = new FakeStatefulUnit(Map.of());
    private final FakeUnit notebook = new FakeUnit("notebook", v1, "1.0.0", old).offer(v2, "2.0.0", fresh);

    private SwapAbortedException aborted(Move... moves) {
        return assertThrows(SwapAbortedException.class, () -> protocol.run(List.of(moves)));
    }

    /** The unit still serves its old version with its old state, its gate is open, and nothing was re-pointed. */
    private void assertUntouched(FakeUnit unit, Object oldImplementation) {
        assertSame(oldImplementation, unit.implementation());
        assertEquals("1.0.0", unit.version().toString());
        assertEquals(List.of("close", "await", "open"), unit.calls());
        assertFalse(unit.closed());
    }

    @Test
    public void aCommittedSwapDrainsTransfersRepointsThenOpens() {
        SwapReport report = protocol.run(List.of(new Move(notebook, v2)));

        assertTrue(report.committed);
        assertNull(report.cause);
        assertArrayEquals(new String[] {"notebook"}, report.units);
        assertArrayEquals(new String[] {"1.0.0"}, report.fromVersions);
        assertArrayEquals(new String[] {"2.0.0"}, report.toVersions);
        assertEquals(3, report.stateValues); // the list and its two elements
        assertTrue(report.pauseNanos >= report.drainNanos + report.transferNanos);
        assertEquals(List.of("close", "await", "repoint v2", "stateCarried 3", "open", "recordSwap"), notebook.calls());
        assertSame(fresh, notebook.implementation());
        assertFalse(notebook.closed());
        assertEquals(NOTES, fresh.state());
        assertTrue(old.wasRetired());
        assertFalse(fresh.wasRetired());
    }

    @Test
    public void aUnitWithoutStateCarriesNothing() {
        Object plainOld = new Object();
        Object plainNew = new Object();
        FakeUnit plain = new FakeUnit("plain", v1, "1.0.0", plainOld).offer(v2, "2.0.0", plainNew);

        SwapReport report = protocol.run(List.of(new Move(plain, v2)));

        assertTrue(report.committed);
        assertEquals(0, report.stateValues);
        assertEquals(List.of("close", "await", "repoint v2", "stateCarried -1", "open", "recordSwap"), plain.calls());
        assertSame(plainNew, plain.implementation());
    }

    @Test
    public void aTargetThatIsNoImplementationOfTheUnitIsRefusedBeforeAnyGateCloses() {
        assertThrows(IllegalArgumentException.class,
                () -> protocol.run(List.of(new Move(notebook, new FakeReference("stranger")))));
        assertEquals(List.of(), notebook.calls());
        assertSame(old, notebook.implementation());
    }

    @Test
    public void aQuiescenceTimeoutAbortsAndLeavesTheOldTargetServingAndTheGateOpen() {
        notebook.neverQuiet("worker-1 in Notebook.add");

        SwapAbortedException e = aborted(new Move(notebook, v2));

        assertTrue(e.getCause() instanceof QuiescenceTimeoutException);
        assertFalse(e.report().committed);
        assertArrayEquals(new String[] {"worker-1 in Notebook.add"}, e.report().holders);
        assertUntouched(notebook, old);
        assertEquals(NOTES, old.state());
        assertEquals(0, fresh.imports());
        assertFalse(old.wasRetired());
    }

    @Test
    public void anExportFailureAbortsBeforeTheRepoint() {
        old.failingExport(new IllegalStateException("export broken"));

        SwapAbortedException e = aborted(new Move(notebook, v2));

        assertFalse(e.report().committed);
        assertUntouched(notebook, old);
        assertEquals(NOTES, old.state());
        assertEquals(0, fresh.imports());
        assertFalse(old.wasRetired());
    }

    @Test
    public void exportedStateThatIsNotPlainDataAbortsBeforeTheRepoint() {
        FakeStatefulUnit leaky = new FakeStatefulUnit(Map.of("self", new Object()));
        FakeUnit unit = new FakeUnit("leaky", v1, "1.0.0", leaky).offer(v2, "2.0.0", fresh);

        SwapAbortedException e = aborted(new Move(unit, v2));

        assertTrue(e.getCause() instanceof IllegalArgumentException);
        assertUntouched(unit, leaky);
        assertEquals(0, fresh.imports());
    }

    @Test
    public void aTransformerFailureAbortsBeforeTheRepointWithTheOldStateUntouched() {
        transformers.add(new FakeTransformer("notebook", "1.0.0", "2.0.0", state -> {
            throw new IllegalStateException("transformer broken");
        }, state -> state));

        SwapAbortedException e = aborted(new Move(notebook, v2));

        assertFalse(e.report().committed);
        assertUntouched(notebook, old);
        assertEquals(NOTES, old.state());
        assertEquals(0, fresh.imports());
    }

    @Test
    public void anErrorFromTheNewVersionsCodeAbortsAndOpensTheGate() {
        fresh.failingImport(new NoClassDefFoundError("io/liveswap/Missing"));

        SwapAbortedException e = aborted(new Move(notebook, v2));

        assertEquals(Reason.UNEXPECTED, e.reason());
        assertTrue(e.getCause() instanceof NoClassDefFoundError);
        assertUntouched(notebook, old);
        assertEquals(NOTES, old.state());
    }

    @Test
    public void anImportFailureAbortsBeforeTheRepointWithTheOldStateUntouched() {
        fresh.failingImport(new IllegalStateException("import broken"));

        SwapAbortedException e = aborted(new Move(notebook, v2));

        assertFalse(e.report().committed);
        assertUntouched(notebook, old);
        assertEquals(NOTES, old.state());
        assertFalse(old.wasRetired());
    }

    @Test
    public void stateWithNowhereToGoAborts() {
        FakeUnit unit = new FakeUnit("notebook", v1, "1.0.0", old).offer(v2, "2.0.0", new Object());

        aborted(new Move(unit, v2));

        assertUntouched(unit, old);
        assertEquals(NOTES, old.state());
    }

    @Test
    public void aMultiUnitSwapClosesAllBeforeDrainingAndRepointsAllOnlyAfterEveryTransfer() {
        List<String> log = new ArrayList<>();
        FakeStatefulUnit otherOld = new FakeStatefulUnit(Map.of("n", 1));
        FakeStatefulUnit otherFresh = new FakeStatefulUnit(Map.of());
        FakeReference w1 = new FakeReference("w1");
        FakeReference w2 = new FakeReference("w2");
        FakeUnit counter = new FakeUnit("counter", w1, "1.0.0", otherOld).offer(w2, "2.0.0", otherFresh).sharing(log);
        notebook.sharing(log);

        SwapReport report = protocol.run(List.of(new Move(notebook, v2), new Move(counter, w2)));

        assertTrue(report.committed);
        assertArrayEquals(new String[] {"notebook", "counter"}, report.units);
        assertEquals(4, report.stateValues);
        assertEquals(List.of("notebook close", "counter close", "notebook await", "counter await",
                "notebook repoint v2", "counter repoint w2", "notebook stateCarried 3", "counter stateCarried 1",
                "notebook open", "counter open", "notebook recordSwap", "counter recordSwap"), log);
        assertSame(fresh, notebook.implementation());
        assertSame(otherFresh, counter.implementation());
        assertEquals(Map.of("n", 1), otherFresh.state());
    }

    @Test
    public void aMultiUnitSwapWhoseSecondImportFailsLeavesBothUnitsOnTheirOldVersions() {
        FakeStatefulUnit otherOld = new FakeStatefulUnit(Map.of("n", 1));
        FakeStatefulUnit otherFresh = new FakeStatefulUnit(Map.of())
                .failingImport(new IllegalStateException("import broken"));
        FakeReference w1 = new FakeReference("w1");
        FakeReference w2 = new FakeReference("w2");
        FakeUnit counter = new FakeUnit("counter", w1, "1.0.0", otherOld).offer(w2, "2.0.0", otherFresh);

        SwapAbortedException e = aborted(new Move(notebook, v2), new Move(counter, w2));

        assertFalse(e.report().committed);
        assertArrayEquals(new String[] {"notebook", "counter"}, e.report().units);
        assertUntouched(notebook, old);
        assertUntouched(counter, otherOld);
        assertEquals(NOTES, old.state());
        assertEquals(Map.of("n", 1), otherOld.state());
        assertFalse(old.wasRetired());
        assertFalse(otherOld.wasRetired());
    }

    @Test
    public void aMultiUnitSwapWhoseSecondUnitNeverQuietsAbortsBothBeforeAnyTransfer() {
        FakeStatefulUnit otherOld = new FakeStatefulUnit(Map.of("n", 1));
        FakeReference w1 = new FakeReference("w1");
        FakeReference w2 = new FakeReference("w2");
        FakeUnit counter = new FakeUnit("counter", w1, "1.0.0", otherOld)
                .offer(w2, "2.0.0", new FakeStatefulUnit(Map.of())).neverQuiet("worker-2 in Counter.increment");

        SwapAbortedException e = aborted(new Move(notebook, v2), new Move(counter, w2));

        assertArrayEquals(new String[] {"worker-2 in Counter.increment"}, e.report().holders);
        assertUntouched(notebook, old);
        assertUntouched(counter, otherOld);
        assertEquals(0, fresh.imports());
    }
}
