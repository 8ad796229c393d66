package io.liveswap.it;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Update bundle files for tests: made at test time, or reactor bundles dropped into a folder whole. */
public final class UpdateJars {

    private UpdateJars() {
    }

    /** An update bundle with nothing but its headers, of {@code unit} to {@code version} on top of {@code replaces}. */
    public static Path headersOnly(String name, String unit, String version, String replaces) throws Exception {
        return headersOnly(name, unit, version, replaces, java.util.Map.of());
    }

    /** The same, with more manifest headers (e.g. an Import-Package nobody exports). */
    public static Path headersOnly(String name, String unit, String version, String replaces,
            java.util.Map<String, String> extra) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "test." + name);
        main.putValue("Provide-Capability", "liveswap.unit;unit=" + unit + ";version:Version=\"" + version + "\"");
        main.putValue("Require-Capability", "liveswap.unit;filter:=\"(&(unit=" + unit + ")(version=" + replaces
                + "))\";effective:=liveswap");
        extra.forEach(main::putValue);
        Path file = Files.createTempDirectory("jars").resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return file;
    }

    /** Copies a file into a folder whole: written beside it first, then moved in at once. */
    public static Path drop(Path source, Path folder, String name) throws Exception {
        Path temporary = Files.createTempFile("drop", ".part");
        Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops a reactor bundle (by the artifactId the pax-tests pom names it with). */
    public static Path drop(String artifact, Path folder, String name) throws Exception {
        return drop(Path.of(URI.create(Platform.location(artifact))), folder, name);
    }
}
