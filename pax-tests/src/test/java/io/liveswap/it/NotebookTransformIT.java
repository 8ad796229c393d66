package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.Option;

import io.liveswap.api.Reason;
import io.liveswap.demo.notebook.Notebook;
import io.liveswap.mediator.SwapReport;

/**
 * A data-structure change carried by a state transformer: the demo notebook 1.0.0 (a list) updated to 2.0.0 (the
 * list gains an element counter) from its bundle file, the way an operator updates it.
 */
public class NotebookTransformIT extends PlatformTestBase {

    @Inject
    Notebook notebook;

    @Override
    protected Option testOptions() {
        return at(UNITS, "demo-api", "demo-notebook-v1");
    }

    @Test
    public void aVeryLargeStateCrossesWhole() throws Exception {
        for (int i = 0; i < 200_000; i++) {
            notebook.add("a note of some length, number " + i);
        }
        SwapReport report = mediator.update("notebook", Platform.location("demo-notebook-v2"));
        assertTrue(report.committed);
        assertEquals(200_000, notebook.size());
        assertEquals(List.of("a note of some length, number 199999"), notebook.latest(1));
        assertTrue("state values: " + report.stateValues, report.stateValues > 200_000);
    }

    @Test
    public void theTransformerCarriesEveryNoteIntoTheNewStructure() throws Exception {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            written.add("note " + i);
            notebook.add("note " + i);
        }
        SwapReport report = mediator.update("notebook", Platform.location("demo-notebook-v2"));

        assertTrue(report.committed);
        assertEquals(Reason.NONE, report.reason);
        assertEquals("2.0.0", report.toVersions[0]);
        assertEquals(500, notebook.size());
        assertEquals(written, notebook.latest(500));
        assertEquals("the counter keeps counting", 501, notebook.add("after"));
        assertTrue("the old version's bundle is retired", Arrays.stream(context.getBundles())
                .noneMatch(b -> "io.liveswap.demo.notebook.list".equals(b.getSymbolicName())));
        assertTrue("state values: " + report.stateValues, report.stateValues > 500);
    }
}
