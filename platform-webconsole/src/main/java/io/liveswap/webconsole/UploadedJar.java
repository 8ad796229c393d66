package io.liveswap.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * An update bundle uploaded through the page, written to the upload folder before the {@code UpdateManager} reads it
 * (the same reading, signature and order checks as a jar dropped into the watched folder). Rejects what cannot be a
 * jar before anything else sees it: no file, an empty file, a file that is not a zip archive.
 *
 * <p>The file keeps its uploaded name (characters other than letters, digits, {@code . _ -} replaced), so the
 * journal names what the operator chose. An upload of the same name and the same bytes reuses the file; another
 * content under a taken name gets a numbered name.
 */
final class UploadedJar {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private final Path path;
    private final String problem;

    private UploadedJar(Path path, String problem) {
        this.path = path;
        this.problem = problem;
    }

    /** @return the written jar, or {@code null} when {@link #problem()} says why there is none */
    Path path() {
        return path;
    }

    /** @return one line naming the cause and the fix, or {@code null} */
    String problem() {
        return problem;
    }

    /**
     * Writes an upload into a folder.
     *
     * @param submittedName the name the browser gave, or {@code null}
     * @param content the uploaded bytes, or {@code null} when no file part came
     * @param folder where uploads are kept (created if missing)
     */
    static UploadedJar save(String submittedName, InputStream content, Path folder) throws IOException {
        String name = safeName(submittedName);
        if (content == null || name == null) {
            return rejected("No file was uploaded: choose an update bundle jar with the file field, then press"
                    + " Apply or Check again.");
        }
        Files.createDirectories(folder);
        Path part = Files.createTempFile(folder, "upload-", ".part");
        try {
            Files.copy(content, part, StandardCopyOption.REPLACE_EXISTING);
            if (Files.size(part) == 0) {
                return rejected("'" + name + "' is empty (0 bytes): upload the update bundle jar itself, e.g."
                        + " update-bundles/demo-notebook-v2/target/demo-notebook-v2-*.jar.");
            }
            if (!startsWithZipMagic(part)) {
                return rejected("'" + name + "' is not a jar (it does not start as a zip archive does): upload an"
                        + " update bundle jar built by bnd or jar, not " + describe(name) + ".");
            }
            Path target = freeName(folder, name, part);
            if (!Files.exists(target)) {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return new UploadedJar(target, null);
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static UploadedJar rejected(String problem) {
        return new UploadedJar(null, problem);
    }

    /** The last path segment of the browser's name, reduced to harmless characters; {@code null} if nothing is left. */
    static String safeName(String submitted) {
        if (submitted == null) {
            return null;
        }
        String base = submitted.substring(Math.max(submitted.lastIndexOf('/'), submitted.lastIndexOf('\\')) + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        return safe.isEmpty() ? null : safe;
    }

    private static boolean startsWithZipMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
        }
    }

    private static String describe(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "this file" : "a '" + name.substring(dot) + "' file";
    }

    /** The name itself if free or holding the same bytes, else {@code name-2.jar}, {@code name-3.jar}, ... */
    private static Path freeName(Path folder, String name, Path content) throws IOException {
        int dot = name.lastIndexOf('.');
        String stem = dot <= 0 ? name : name.substring(0, dot);
        String extension = dot <= 0 ? "" : name.substring(dot);
        for (int n = 1; ; n++) {
            Path candidate = folder.resolve(n == 1 ? name : stem + "-" + n + extension);
            if (!Files.exists(candidate) || Files.mismatch(candidate, content) == -1) {
                return candidate;
            }
        }
    }
}
