package io.liveswap.updates.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small jars with chosen manifest headers and entries, for tests. */
public final class TestJars {

    private TestJars() {
    }

    public static Path jar(Path file, Map<String, String> headers, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /** Headers of an update of {@code unit} to {@code version} on top of {@code replaces} (null: none). */
    public static Map<String, String> update(String unit, String version, String replaces) {
        String provide = "liveswap.unit;unit=" + unit + ";version:Version=\"" + version + "\"";
        if (replaces == null) {
            return Map.of("Bundle-SymbolicName", "test." + unit, "Provide-Capability", provide);
        }
        return Map.of("Bundle-SymbolicName", "test." + unit, "Provide-Capability", provide, "Require-Capability",
                "liveswap.unit;filter:=\"(&(unit=" + unit + ")(version=" + replaces
                        + "))\";effective:=liveswap");
    }
}
