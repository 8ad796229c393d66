package io.liveswap.updates.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.osgi.framework.Version;

import io.liveswap.api.Reason;
import io.liveswap.api.UnitConstants;

/**
 * Reads an update bundle and checks its content, not only its file attributes: the whole zip is read and every
 * entry's CRC verified (a jar still being copied or truncated fails here), entry names and sizes are bounded (path
 * traversal, zip bombs), and the manifest must declare exactly one unit capability and at most one requirement on
 * the replaced version.
 */
public final class UpdateBundleReader {

    /** Largest total uncompressed size accepted. */
    static final long MAX_UNCOMPRESSED = 256L * 1024 * 1024;
    /** Most entries accepted. */
    static final int MAX_ENTRIES = 20_000;

    private static final Pattern UNIT = Pattern.compile("\\(unit=([^)]+)\\)");
    private static final Pattern VERSION = Pattern.compile("\\(version=([^)]+)\\)");

    private UpdateBundleReader() {
    }

    /** Whether a jar declares itself an update bundle; {@code false} when it cannot be read at all. */
    public static boolean declaresUnit(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest manifest = jar.getManifest();
            String provided = manifest == null ? null
                    : manifest.getMainAttributes().getValue("Provide-Capability");
            return provided != null && provided.contains(UnitConstants.NAMESPACE);
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Reads a file, accepting unsigned jars.
     *
     * @throws InvalidUpdateException naming what is wrong with the file and what to do
     */
    public static UpdateDescriptor read(Path file) throws InvalidUpdateException {
        return read(file, TrustPolicy.acceptUnsigned());
    }

    /**
     * Reads a file and checks its signatures against a trust policy.
     *
     * @throws InvalidUpdateException naming what is wrong with the file and what to do
     */
    public static UpdateDescriptor read(Path file, TrustPolicy trust) throws InvalidUpdateException {
        String name = file.getFileName().toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidUpdateException(Reason.UNREADABLE, name + " does not exist or is not a file");
            }
            if (Files.size(file) == 0) {
                throw new InvalidUpdateException(Reason.INCOMPLETE, name
                        + " is empty: still being copied? It is read again when it"
                        + " changes");
            }
        } catch (IOException e) {
            throw new InvalidUpdateException(Reason.UNREADABLE, name + " cannot be read: " + e.getMessage(), e);
        }
        String sha256 = sha256(file);
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            checkEntries(name, jar);
            trust.check(name, jar);
            Manifest manifest = jar.getManifest();
            if (manifest == null) {
                throw new InvalidUpdateException(Reason.NOT_A_BUNDLE, name
                        + " has no META-INF/MANIFEST.MF: it is not a bundle. Build it"
                        + " with bnd and @UnitUpdate");
            }
            return describe(name, file, sha256, manifest.getMainAttributes());
        } catch (SecurityException tampered) {
            throw new InvalidUpdateException(Reason.TAMPERED, name + " was changed after it was signed ("
                    + tampered.getMessage()
                    + "); refused. Sign it again, or find out who changed it", tampered);
        } catch (IOException e) {
            throw new InvalidUpdateException(Reason.INCOMPLETE, name
                    + " is not a complete jar (truncated, corrupt or still being copied: "
                    + e.getMessage() + "). It is read again when the file changes", e);
        }
    }

    private static void checkEntries(String name, JarFile jar) throws IOException, InvalidUpdateException {
        long total = 0;
        int count = 0;
        byte[] buffer = new byte[8192];
        for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements();) {
            ZipEntry entry = entries.nextElement();
            if (++count > MAX_ENTRIES) {
                throw new InvalidUpdateException(Reason.TOO_LARGE, name + " has more than " + MAX_ENTRIES
                        + " entries; refused");
            }
            String entryName = entry.getName();
            if (entryName.startsWith("/") || entryName.contains("\\") || List.of(entryName.split("/")).contains("..")) {
                throw new InvalidUpdateException(Reason.UNSAFE_PATH, name + " has an entry with an unsafe path '"
                        + entryName
                        + "'; refused (path traversal)");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > MAX_UNCOMPRESSED) {
                        throw new InvalidUpdateException(Reason.TOO_LARGE, name + " expands to more than "
                                + (MAX_UNCOMPRESSED >> 20)
                                + " MiB; refused (zip bomb?)");
                    }
                }
            }
        }
    }

    private static UpdateDescriptor describe(String name, Path file, String sha256, Attributes main)
            throws InvalidUpdateException {
        String symbolicName = main.getValue("Bundle-SymbolicName");
        if (symbolicName == null || symbolicName.isBlank()) {
            throw new InvalidUpdateException(Reason.NOT_A_BUNDLE, name
                    + " has no Bundle-SymbolicName: it is not an OSGi bundle");
        }
        List<HeaderClauses.Clause> provided = clauses(name, main, "Provide-Capability").stream()
                .filter(c -> c.namespace().equals(UnitConstants.NAMESPACE)).toList();
        if (provided.isEmpty()) {
            throw new InvalidUpdateException(Reason.NOT_AN_UPDATE, name + " declares no " + UnitConstants.NAMESPACE
                    + " capability: it is"
                    + " not an update bundle. Annotate its implementation with @UnitUpdate(unit, version, replaces)");
        }
        if (provided.size() > 1) {
            throw new InvalidUpdateException(Reason.CONTRADICTORY_HEADERS, name + " declares " + provided.size() + " "
                    + UnitConstants.NAMESPACE
                    + " capabilities; an update bundle updates exactly one unit");
        }
        String unit = provided.get(0).parameters().get("unit");
        String version = provided.get(0).parameters().get("version");
        if (unit == null || unit.isBlank() || version == null) {
            throw new InvalidUpdateException(Reason.MALFORMED_HEADER, name + ": its " + UnitConstants.NAMESPACE
                    + " capability lacks the unit"
                    + " name or the version; generate it with @UnitUpdate");
        }
        Version brings = version(name, version, "version");
        List<HeaderClauses.Clause> required = clauses(name, main, "Require-Capability").stream()
                .filter(c -> c.namespace().equals(UnitConstants.NAMESPACE)).toList();
        if (required.size() > 1) {
            throw new InvalidUpdateException(Reason.CONTRADICTORY_HEADERS, name + " requires " + required.size()
                    + " versions of unit '" + unit
                    + "'; an update applies on top of exactly one version");
        }
        Version replaces = null;
        if (!required.isEmpty()) {
            String filter = required.get(0).parameters().getOrDefault("filter:", "");
            Matcher unitMatch = UNIT.matcher(filter);
            Matcher versionMatch = VERSION.matcher(filter);
            if (!unitMatch.find() || !versionMatch.find()) {
                throw new InvalidUpdateException(Reason.MALFORMED_HEADER, name
                        + ": cannot read the replaced version from the requirement"
                        + " filter '" + filter + "'; generate it with @UnitUpdate");
            }
            if (!unitMatch.group(1).equals(unit)) {
                throw new InvalidUpdateException(Reason.CONTRADICTORY_HEADERS, name + " provides unit '" + unit
                        + "' but requires a version of"
                        + " unit '" + unitMatch.group(1) + "': contradictory headers");
            }
            replaces = version(name, versionMatch.group(1), "replaced version");
            if (brings.compareTo(replaces) <= 0) {
                throw new InvalidUpdateException(Reason.CONTRADICTORY_HEADERS, name + " brings version " + brings
                        + " but replaces " + replaces
                        + ": an update must bring a higher version than the one it replaces");
            }
        }
        return new UpdateDescriptor(unit, brings, replaces, symbolicName, file, sha256, probation(name, main));
    }

    /** The {@value UpdateDescriptor#PROBATION_HEADER} header: whole seconds, 0 or more; -1 without the header. */
    private static long probation(String name, Attributes main) throws InvalidUpdateException {
        String value = main.getValue(UpdateDescriptor.PROBATION_HEADER);
        if (value == null) {
            return -1;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException notANumber) {
            // refused below
        }
        throw new InvalidUpdateException(Reason.MALFORMED_HEADER, name + ": its " + UpdateDescriptor.PROBATION_HEADER
                + " header '" + value + "' is not a number of seconds (0 or more); write e.g. '"
                + UpdateDescriptor.PROBATION_HEADER + ": 120', or 0 for no probation");
    }

    private static List<HeaderClauses.Clause> clauses(String name, Attributes main, String header)
            throws InvalidUpdateException {
        try {
            return HeaderClauses.parse(main.getValue(header));
        } catch (InvalidUpdateException malformed) {
            throw new InvalidUpdateException(Reason.MALFORMED_HEADER, name + ": its " + header
                    + " header is malformed (" + malformed.getMessage()
                    + "); generate it with @UnitUpdate");
        }
    }

    private static Version version(String name, String text, String what) throws InvalidUpdateException {
        try {
            return Version.parseVersion(text.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidUpdateException(Reason.MALFORMED_HEADER, name + ": " + what + " '" + text
                    + "' is not an OSGi version");
        }
    }

    /**
     * @return the file's SHA-256, in hex
     * @throws InvalidUpdateException ({@code UNREADABLE}) if it cannot be read
     */
    public static String sha256(Path file) throws InvalidUpdateException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new InvalidUpdateException(Reason.UNREADABLE, file.getFileName() + " cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
