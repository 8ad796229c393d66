package io.liveswap.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Tells when the runtime's folder watcher has handled every change made to the watched folder so far, deletions
 * included (they leave nothing to list): it drops a sentinel (a zip without a manifest, which the platform ignores
 * as "no bundle" and lists) and waits until it is listed as handled, then a second one. The watcher handles one scan
 * at a time, so the second sentinel is in a scan after every change made before the first.
 */
final class WatcherSentinel {

    /** The sentinels' prefix. */
    static final String PREFIX = "zz-settled-";
    private static final AtomicInteger COUNT = new AtomicInteger();

    private WatcherSentinel() {
    }

    /** Removes earlier sentinels, then waits until two new ones in turn are handled. */
    static void awaitHandled(RuntimeProcess runtime) throws IOException {
        for (int i = 0; i < 2; i++) {
            String sentinel = drop(runtime.deploy());
            runtime.await("the watched folder is handled up to " + sentinel, () -> listed(runtime, sentinel));
        }
    }

    private static boolean listed(RuntimeProcess runtime, String file) {
        try {
            return runtime.typed("liveswap:folder").stream()
                    .anyMatch(l -> l.startsWith(file + " ") && !l.contains("NOT_HANDLED"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String drop(Path deploy) throws IOException {
        try (Stream<Path> files = Files.list(deploy)) {
            for (Path old : files.filter(f -> f.getFileName().toString().startsWith(PREFIX)).toList()) {
                Files.delete(old);
            }
        }
        String name = PREFIX + COUNT.incrementAndGet() + ".jar";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("settled.txt"));
            zip.write(name.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Path temporary = Files.createTempFile("sentinel", ".part");
        Files.write(temporary, bytes.toByteArray());
        Files.move(temporary, deploy.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        return name;
    }
}
