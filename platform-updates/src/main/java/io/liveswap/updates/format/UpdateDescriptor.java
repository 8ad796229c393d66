package io.liveswap.updates.format;

import java.nio.file.Path;

import org.osgi.framework.Version;

/**
 * What an update bundle declares: the unit, the version it brings, the version it replaces ({@code null} for a
 * unit's first version), the file with its SHA-256, and its own probation time in seconds
 * ({@value #PROBATION_HEADER} header; -1 when it has none, and the configured time applies).
 */
public record UpdateDescriptor(String unit, Version version, Version replaces, String symbolicName, Path file,
        String sha256, long probationSeconds) {

    /** The manifest header by which an update sets its own probation time in seconds (0: none). */
    public static final String PROBATION_HEADER = "Liveswap-Probation";

    /** An update without a probation time of its own. */
    public UpdateDescriptor(String unit, Version version, Version replaces, String symbolicName, Path file,
            String sha256) {
        this(unit, version, replaces, symbolicName, file, sha256, -1);
    }

    @Override
    public String toString() {
        return "update of unit '" + unit + "' to " + version + (replaces == null ? "" : " (replaces " + replaces + ")")
                + " from " + file.getFileName();
    }
}
