package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static io.liveswap.it.Platform.platform;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

import io.liveswap.fixture.tally.Tally;
import io.liveswap.mediator.Mediator;
import io.liveswap.spi.UnitControls;

/**
 * {@code this} escaping through a return value, in a real Felix: the {@code tally} unit (counting mode) and
 * {@code tally-scan} (stack-scan mode) have a fluent {@code Tally add(long)} that returns the implementation
 * itself; versions 1.0.0 ({@code tally-v1}) and 2.0.0 ({@code tally-v2}) transfer the total. A consumer that keeps
 * the result of a fluent call and writes through it must reach the current version after every update: no write is
 * lost, none lands in a replaced version (which, like ordinary code, accepts it silently).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class FluentUnitIT {

    @Inject
    BundleContext context;

    @Inject
    Mediator mediator;

    @Inject
    UnitControls controls;

    @Configuration
    public Option[] configuration() {
        return new Option[] {platform(at(UNITS, "tally-api", "tally-v1", "tally-v2"))};
    }

    @Test
    public void aHeldFluentResultKeepsWritingThroughUpdatesInCountingMode() throws Exception {
        heldResultKeepsWriting("tally", 100);
    }

    @Test
    public void aHeldFluentResultKeepsWritingThroughUpdatesInStackScanMode() throws Exception {
        heldResultKeepsWriting("tally-scan", 50);
    }

    private void heldResultKeepsWriting(String unit, int swaps) throws Exception {
        Tally tally = Platform.proxy(context, Tally.class, unit);
        Tally held = tally.add(5);
        assertTrue(mediator.swap(unit, otherImplementation(unit)).committed);
        held.add(5);
        assertEquals("written before and after the update", 10, tally.total());
        assertEquals("the held result reaches the new version", "2.0.0", held.version());

        Callers callers = new Callers(2, () -> held.add(1));
        try {
            for (int i = 0; i < swaps; i++) {
                callers.awaitProgress(20);
                assertTrue(mediator.swap(unit, otherImplementation(unit)).committed);
            }
            callers.awaitProgress(20);
        } finally {
            callers.close();
        }
        assertEquals("failed writes (first: " + callers.firstFailure() + ")", 0, callers.failed());
        assertEquals("writes lost", 10 + callers.succeeded(), tally.total());
        assertEquals("the held result reaches the current version", tally.version(), held.version());
        assertSame("the fluent result is the unit's proxy", tally, held);
    }

    private ServiceReference<?> otherImplementation(String unit) {
        Await.until("unit " + unit + " has a candidate", () -> !controls.control(unit).candidates().isEmpty());
        return controls.control(unit).candidates().iterator().next();
    }
}
