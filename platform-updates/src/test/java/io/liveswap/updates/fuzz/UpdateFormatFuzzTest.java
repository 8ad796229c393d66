package io.liveswap.updates.fuzz;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.liveswap.updates.format.InvalidUpdateException;
import io.liveswap.updates.format.UpdateBundleReader;

/**
 * Fuzzes the update bundle reader: with arbitrary bytes as the file, and with arbitrary update headers in a
 * well-formed jar. The only failure the reader may show is {@link InvalidUpdateException}, whose message names the
 * file. Runs its seeds in every build; {@code JAZZER_FUZZ=1 mvn -pl platform-updates test -Dtest=UpdateFormatFuzzTest}
 * fuzzes for real (see README).
 */
class UpdateFormatFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void arbitraryBytes(byte[] content) throws IOException {
        Path file = Files.createTempFile("fuzz", ".jar");
        try {
            Files.write(file, content);
            readOrRefuse(file);
        } finally {
            Files.delete(file);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void arbitraryHeaders(FuzzedDataProvider data) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        putIfValid(main, "Bundle-SymbolicName", data.consumeString(40));
        putIfValid(main, "Provide-Capability", data.consumeString(300));
        putIfValid(main, "Require-Capability", data.consumeRemainingAsString());
        Path file = Files.createTempFile("fuzz", ".jar");
        try {
            try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out,
                    manifest)) {
                jar.flush();
            }
            readOrRefuse(file);
        } finally {
            Files.delete(file);
        }
    }

    private static void putIfValid(Attributes main, String name, String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            main.putValue(name, value);
        }
    }

    private static void readOrRefuse(Path file) {
        try {
            UpdateBundleReader.read(file);
        } catch (InvalidUpdateException refused) {
            if (refused.getMessage() == null || !refused.getMessage().contains(file.getFileName().toString())) {
                throw new AssertionError("a refusal must name the file: " + refused.getMessage());
            }
        }
    }
}
