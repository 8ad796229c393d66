package io.liveswap.updates.installer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/**
 * Copies of the implementation bundles that updates replace, kept so that a rollback can install the previous
 * version again after its bundle was retired.
 */
final class BundleArchive {

    private final Path directory;

    BundleArchive(Path directory) {
        this.directory = directory;
    }

    Path copyOf(String unit, Version version) {
        return directory.resolve(unit.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + version + ".jar");
    }

    /** Keeps a copy of a bundle's jar, read from its install location. */
    void keep(String unit, Version version, Bundle bundle) throws IOException {
        Path target = copyOf(unit, version);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(directory);
        String location = bundle.getLocation();
        if (location.startsWith("reference:")) {
            location = location.substring("reference:".length());
        }
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (InputStream in = URI.create(location).toURL().openStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
        } catch (IllegalArgumentException e) {
            throw new IOException("bundle location " + bundle.getLocation() + " is not a URL", e);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
