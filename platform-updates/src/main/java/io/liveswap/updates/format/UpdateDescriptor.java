package io.liveswap.updates.format;

import java.nio.file.Path;

import org.osgi.framework.Version;

/**
 * What an update bundle declares: the unit, the version it brings, the version it replaces ({@code null} for a
 * unit's first version), and the file with its SHA-256.
 */
public record UpdateDescriptor(String unit, Version version, Version replaces, String symbolicName, Path file,
        String sha256) {

    @Override
    public String toString() {
        return "update of unit '" + unit + "' to " + version + (replaces == null ? "" : " (replaces " + replaces + ")")
                + " from " + file.getFileName();
    }
}
