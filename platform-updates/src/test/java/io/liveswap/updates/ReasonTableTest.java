package io.liveswap.updates;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

import io.liveswap.api.Reason;

/**
 * The table of refusal and abort codes in docs/UPDATES.md lists exactly the constants of {@link Reason} (except
 * {@link Reason#NONE}, which the text under the table names), so the two cannot drift apart.
 */
public class ReasonTableTest {

    private static final String HEADING = "## Refusal and abort codes";
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\|");

    @Test
    public void theDocsTableListsEveryReasonAndNoOther() throws IOException {
        String docs = Files.readString(updatesDoc());
        int start = docs.indexOf(HEADING);
        assertTrue("docs/UPDATES.md has the section " + HEADING, start >= 0);
        int end = docs.indexOf("\n## ", start + HEADING.length());
        String section = docs.substring(start, end < 0 ? docs.length() : end);
        List<String> documented = new ArrayList<>();
        for (String line : section.lines().toList()) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                documented.add(row.group(1));
            }
        }
        List<String> declared = Arrays.stream(Reason.values()).filter(r -> r != Reason.NONE).map(Reason::name)
                .toList();
        assertEquals("the codes table in docs/UPDATES.md and io.liveswap.api.Reason", sorted(declared),
                sorted(documented));
        assertTrue("the text under the table names NONE", section.contains("(`NONE`"));
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    /** docs/UPDATES.md, found from the module's folder (where Maven runs the tests) upwards. */
    private static Path updatesDoc() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            Path doc = folder.resolve("docs").resolve("UPDATES.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
        }
        throw new AssertionError("docs/UPDATES.md not found above " + Path.of("").toAbsolutePath());
    }
}
