package io.liveswap.updates.format;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Version;

import io.liveswap.api.Reason;

/** The update bundle format, read from real jar files, good and bad. */
public class UpdateBundleReaderTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path jar(String name, Map<String, String> headers) throws Exception {
        return TestJars.jar(folder.getRoot().toPath().resolve(name), headers, Map.of("a/B.class", new byte[100]));
    }

    /** Asserts the refusal's code and returns its message. */
    private String refusal(Path file, Reason expected) {
        InvalidUpdateException refused = assertThrows(InvalidUpdateException.class,
                () -> UpdateBundleReader.read(file));
        assertEquals(refused.getMessage(), expected, refused.reason());
        return refused.getMessage();
    }

    @Test
    public void readsTheUnitTheVersionAndTheReplacedVersion() throws Exception {
        UpdateDescriptor d = UpdateBundleReader.read(jar("n2.jar", TestJars.update("notebook", "2.0.0", "1.0.0")));
        assertEquals("notebook", d.unit());
        assertEquals(new Version(2, 0, 0), d.version());
        assertEquals(new Version(1, 0, 0), d.replaces());
        assertEquals("test.notebook", d.symbolicName());
        assertEquals(64, d.sha256().length());
        assertTrue(UpdateBundleReader.declaresUnit(d.file()));
    }

    @Test
    public void aFirstVersionHasNoReplacedVersion() throws Exception {
        assertNull(UpdateBundleReader.read(jar("n1.jar", TestJars.update("notebook", "1.0.0", null))).replaces());
    }

    @Test
    public void refusesFilesThatAreNotCompleteJars() throws Exception {
        Path random = folder.getRoot().toPath().resolve("random.jar");
        byte[] noise = new byte[4096];
        new java.util.Random(42).nextBytes(noise);
        Files.write(random, noise);
        assertTrue(refusal(random, Reason.INCOMPLETE).contains("not a complete jar"));

        Path empty = Files.createFile(folder.getRoot().toPath().resolve("empty.jar"));
        assertTrue(refusal(empty, Reason.INCOMPLETE).contains("is empty"));

        Path whole = jar("whole.jar", TestJars.update("notebook", "2.0.0", "1.0.0"));
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(folder.getRoot().toPath().resolve("truncated.jar"),
                Arrays.copyOf(bytes, bytes.length / 2));
        assertTrue(refusal(truncated, Reason.INCOMPLETE).contains("not a complete jar"));
        assertTrue(!UpdateBundleReader.declaresUnit(truncated));
    }

    @Test
    public void refusesJarsWithoutManifestOrWithoutTheHeaders() throws Exception {
        Path noManifest = folder.getRoot().toPath().resolve("plain.zip.jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(noManifest))) {
            out.putNextEntry(new java.util.zip.ZipEntry("x.txt"));
            out.write(1);
            out.closeEntry();
        }
        assertTrue(refusal(noManifest, Reason.NOT_A_BUNDLE).contains("no META-INF/MANIFEST.MF"));
        assertTrue(refusal(jar("bundle.jar", Map.of("Bundle-SymbolicName", "b")),
                Reason.NOT_AN_UPDATE).contains("not an update bundle"));
        assertTrue(refusal(jar("nobsn.jar", Map.of("Provide-Capability", "liveswap.unit;unit=x")), Reason.NOT_A_BUNDLE)
                .contains("no Bundle-SymbolicName"));
    }

    @Test
    public void refusesMalformedAndContradictoryHeaders() throws Exception {
        Map<String, String> downwards = TestJars.update("notebook", "1.0.0", "2.0.0");
        assertTrue(refusal(jar("down.jar", downwards),
                Reason.CONTRADICTORY_HEADERS).contains("must bring a higher version"));

        Map<String, String> otherUnit = new HashMap<>(TestJars.update("notebook", "2.0.0", "1.0.0"));
        otherUnit.put("Require-Capability", "liveswap.unit;filter:=\"(&(unit=other)(version=1.0.0))\"");
        assertTrue(refusal(jar("other.jar", otherUnit), Reason.CONTRADICTORY_HEADERS).contains("contradictory"));

        Map<String, String> badVersion = Map.of("Bundle-SymbolicName", "b", "Provide-Capability",
                "liveswap.unit;unit=n;version:Version=\"two\"");
        assertTrue(refusal(jar("badversion.jar", badVersion),
                Reason.MALFORMED_HEADER).contains("is not an OSGi version"));

        for (String probation : new String[] {"-5", "a minute", ""}) {
            Map<String, String> badProbation = new HashMap<>(TestJars.update("notebook", "2.0.0", "1.0.0"));
            badProbation.put("Liveswap-Probation", probation);
            assertTrue(refusal(jar("probation.jar", badProbation), Reason.MALFORMED_HEADER)
                    .contains("Liveswap-Probation header '" + probation + "' is not a number of seconds"));
        }
        Map<String, String> ownProbation = new HashMap<>(TestJars.update("notebook", "2.0.0", "1.0.0"));
        ownProbation.put("Liveswap-Probation", " 120 ");
        assertEquals(120, UpdateBundleReader.read(jar("own-probation.jar", ownProbation)).probationSeconds());
        assertEquals("no header: the configured time", -1, UpdateBundleReader.read(jar("plain-probation.jar",
                TestJars.update("notebook", "2.0.0", "1.0.0"))).probationSeconds());

        Map<String, String> quotes = Map.of("Bundle-SymbolicName", "b", "Provide-Capability",
                "liveswap.unit;unit=\"n;version=1");
        assertTrue(refusal(jar("quotes.jar", quotes), Reason.MALFORMED_HEADER).contains("unbalanced quotes"));

        Map<String, String> two = Map.of("Bundle-SymbolicName", "b", "Provide-Capability",
                "liveswap.unit;unit=a;version:Version=1,liveswap.unit;unit=b;version:Version=1");
        assertTrue(refusal(jar("two.jar", two), Reason.CONTRADICTORY_HEADERS).contains("exactly one unit"));
    }

    @Test
    public void refusesAZipBomb() throws Exception {
        Path bomb = folder.getRoot().toPath().resolve("bomb.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        TestJars.update("notebook", "2.0.0", "1.0.0").forEach(manifest.getMainAttributes()::putValue);
        byte[] zeros = new byte[1 << 20];
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(bomb), manifest)) {
            jar.putNextEntry(new java.util.jar.JarEntry("zeros.bin"));
            for (int i = 0; i < 300; i++) {
                jar.write(zeros); // 300 MiB that compress to well under 1 MiB
            }
            jar.closeEntry();
        }
        assertTrue("compressed to " + Files.size(bomb), Files.size(bomb) < 2 << 20);
        assertTrue(refusal(bomb, Reason.TOO_LARGE).contains("expands to more than 256 MiB"));
    }

    @Test
    public void refusesPathTraversalEntries() throws Exception {
        Path evil = TestJars.jar(folder.getRoot().toPath().resolve("evil.jar"),
                TestJars.update("notebook", "2.0.0", "1.0.0"), Map.of("../../etc/passwd", new byte[1]));
        assertTrue(refusal(evil, Reason.UNSAFE_PATH).contains("unsafe path"));
    }

    @Test
    public void refusesAFileThatIsNotThere() {
        Path missing = folder.getRoot().toPath().resolve("missing.jar");
        assertTrue(refusal(missing, Reason.UNREADABLE).contains("does not exist"));
    }

    @Test
    public void refusesMissingUnitNameAndUnreadableReplacedVersion() throws Exception {
        Map<String, String> noUnit = Map.of("Bundle-SymbolicName", "b", "Provide-Capability",
                "liveswap.unit;version:Version=1");
        assertTrue(refusal(jar("nounit.jar", noUnit), Reason.MALFORMED_HEADER).contains("lacks the unit"));
        Map<String, String> badFilter = new HashMap<>(TestJars.update("notebook", "2.0.0", "1.0.0"));
        badFilter.put("Require-Capability", "liveswap.unit;filter:=\"(unit=notebook)\"");
        assertTrue(refusal(jar("badfilter.jar", badFilter), Reason.MALFORMED_HEADER)
                .contains("cannot read the replaced version"));
        Map<String, String> twoBases = new HashMap<>(TestJars.update("notebook", "3.0.0", "1.0.0"));
        twoBases.put("Require-Capability", "liveswap.unit;filter:=\"(&(unit=notebook)(version=1.0.0))\","
                + "liveswap.unit;filter:=\"(&(unit=notebook)(version=2.0.0))\"");
        assertTrue(refusal(jar("twobases.jar", twoBases), Reason.CONTRADICTORY_HEADERS)
                .contains("exactly one version"));
    }
}
