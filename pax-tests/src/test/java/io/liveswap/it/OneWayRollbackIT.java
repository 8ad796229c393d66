package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.ops4j.pax.exam.Option;

import io.liveswap.fixture.counter.Counter;

/**
 * A state-format change without a way back: counter 1.0.0 ({@code count}) is updated to 2.0.0 ({@code total})
 * through a transformer that cannot downgrade, so a rollback is refused and 2.0.0 keeps serving with its count.
 */
public class OneWayRollbackIT extends PlatformTestBase {

    @Override
    protected Option testOptions() {
        return at(UNITS, "counter-api", "counter-impl");
    }

    @Test
    public void aRollbackWithoutADownwardTransformerIsRefusedAndTheUnitKeepsRunning() throws Exception {
        Counter counter = Platform.proxy(context, Counter.class, "counter");
        for (int i = 0; i < 5; i++) {
            counter.increment();
        }
        Shell shell = new Shell(processor);
        String applied = shell.run("liveswap:apply " + Platform.location("counter-oneway"));
        assertTrue(applied, applied.startsWith("COMMITTED counter 1.0.0 -> 2.0.0"));
        assertEquals("the count crossed into the new format", 5, counter.value());

        String rollback = shell.run("liveswap:rollback counter");
        assertTrue(rollback, rollback.startsWith("ABORTED [NO_DOWNWARD_TRANSFORMER] counter 2.0.0 -> 1.0.0: "));
        assertTrue("the message names the missing step: " + rollback,
                rollback.contains("no downward transformer from 2.0.0 to 1.0.0"));
        assertEquals("2.0.0", table.unit("counter").version);
        assertEquals("2.0.0 keeps its count", 6, counter.increment());
    }
}
