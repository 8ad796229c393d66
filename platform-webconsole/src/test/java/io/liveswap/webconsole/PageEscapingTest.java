package io.liveswap.webconsole;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import org.junit.Test;

import io.liveswap.api.Reason;
import io.liveswap.api.UnitDTO;
import io.liveswap.updates.UpdateRecordDTO;

/** Unit names, versions, classes and journal text come from bundles: none reaches the page as markup. */
public class PageEscapingTest {

    private static final String HOSTILE = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";

    @Test
    public void unitsAndTheirDetailsAreEscaped() {
        UnitDTO unit = new UnitDTO();
        unit.name = HOSTILE;
        unit.version = HOSTILE;
        unit.quiescence = HOSTILE;
        unit.interfaces = new String[] {HOSTILE};
        unit.implementationClass = HOSTILE;
        unit.candidates = new String[] {HOSTILE};
        UpdateRecordDTO swap = record();
        StringWriter page = new StringWriter();
        UnitsSection.write(new PrintWriter(page), List.of(unit), Map.of(HOSTILE, List.of(swap)), HOSTILE,
                new ConsoleActions(null, null).buttons(ConsoleActions.Target.UNIT));
        assertNoMarkupFrom(page.toString());
        assertTrue(page.toString(), page.toString().contains("&lt;script&gt;"));
        assertTrue("a pause bar", page.toString().contains("<rect "));
    }

    @Test
    public void theJournalAndPendingUpdatesAreEscaped() {
        StringWriter page = new StringWriter();
        PrintWriter out = new PrintWriter(page);
        JournalSection.pending(out, List.of(record()));
        JournalSection.timeline(out, List.of(record()), 10);
        out.flush();
        assertNoMarkupFrom(page.toString());
        assertTrue(page.toString(), page.toString().contains("&lt;img src=x onerror=alert(1)&gt;"));
    }

    private static UpdateRecordDTO record() {
        UpdateRecordDTO r = new UpdateRecordDTO();
        r.kind = HOSTILE;
        r.reason = Reason.UNSIGNED;
        r.unit = HOSTILE;
        r.from = HOSTILE;
        r.to = HOSTILE;
        r.file = HOSTILE;
        r.message = HOSTILE;
        r.pauseMicros = 42;
        return r;
    }

    private static void assertNoMarkupFrom(String html) {
        assertFalse(html, html.contains("<script>"));
        assertFalse(html, html.contains("<img"));
    }
}
