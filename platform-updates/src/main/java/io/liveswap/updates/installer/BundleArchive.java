package io.liveswap.updates.installer;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.liveswap.updates.format.UpdateDescriptor;

/**
 * Copies of every version of a unit the platform ran: the version an update replaces, and the version every update
 * and restore applies, kept so that a rollback can install the previous version again after its bundle was retired,
 * and a restart can restore each unit's committed version whatever the watched folder holds by then. One file per
 * unit and version ({@code <unit>-<version>.jar}); each is written beside and moved in at once.
 */
final class BundleArchive {

    private static final Logger LOG = LoggerFactory.getLogger(BundleArchive.class);

    private final Path directory;

    BundleArchive(Path directory) {
        this.directory = directory;
    }

    Path copyOf(String unit, Version version) {
        return directory.resolve(unit.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + version + ".jar");
    }

    /**
     * Keeps a copy of the version an update is about to replace, from the bundle of its running implementation (if
     * it has one); a failure is logged: rolling back to that version will not be possible.
     */
    void keepReplaced(String unit, Version current, ServiceReference<?> implementation) {
        if (implementation == null || implementation.getBundle() == null) {
            return;
        }
        try {
            keep(unit, current, implementation.getBundle());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not keep a copy of unit '{}' version {} ({}); rolling back to it will not be possible",
                    unit, current, e.getMessage());
        }
    }

    /**
     * Keeps a copy of every applied version, so that a restart restores it whatever the folder holds by then; a
     * failure is logged.
     */
    void keepApplied(UpdateDescriptor update) {
        try {
            keepFile(update.unit(), update.version(), update.file());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not keep a copy of {} ({}); a restart after it is removed cannot restore version {}",
                    update.file(), e.getMessage(), update.version());
        }
    }

    /**
     * Keeps a copy of a bundle's jar: read from its install location when that is a URL, otherwise (a launcher that
     * installed it from a stream) rebuilt from the bundle's own entries.
     */
    void keep(String unit, Version version, Bundle bundle) throws IOException {
        Path target = copyOf(unit, version);
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(directory);
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        try (InputStream in = location(bundle).openStream()) {
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
        } catch (IllegalArgumentException | IOException notAUrl) {
            rebuild(bundle, temporary);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Keeps a copy of the update file a unit is about to run at {@code version}, replacing an older copy of that
     * version (the content applied last is the one a restart must restore).
     */
    void keepFile(String unit, Version version, Path file) throws IOException {
        Path target = copyOf(unit, version);
        if (file.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            return;
        }
        Files.createDirectories(directory);
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(file, temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** @return whether the file is one of the archive's copies */
    boolean holds(Path file) {
        return file.toAbsolutePath().normalize().startsWith(directory.toAbsolutePath().normalize());
    }

    private static URL location(Bundle bundle) throws IOException {
        String location = bundle.getLocation();
        if (location.startsWith("reference:")) {
            location = location.substring("reference:".length());
        }
        return URI.create(location).toURL();
    }

    private static void rebuild(Bundle bundle, Path target) throws IOException {
        URL manifest = bundle.getEntry(JarFile.MANIFEST_NAME);
        if (manifest == null) {
            throw new IOException("bundle " + bundle.getSymbolicName() + " has no manifest entry to copy");
        }
        try (InputStream in = manifest.openStream();
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target), new Manifest(in))) {
            Enumeration<URL> entries = bundle.findEntries("/", "*", true);
            while (entries != null && entries.hasMoreElements()) {
                URL entry = entries.nextElement();
                String name = entry.getPath().startsWith("/") ? entry.getPath().substring(1) : entry.getPath();
                if (name.endsWith("/") || name.equals(JarFile.MANIFEST_NAME)) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(name));
                try (InputStream content = entry.openStream()) {
                    content.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
    }
}
