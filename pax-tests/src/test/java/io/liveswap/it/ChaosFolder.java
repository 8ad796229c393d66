package io.liveswap.it;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an operator does to the watched folder, for a randomized test: the demo notebook's update jars (dropped whole,
 * copied slowly in pieces, copied under another name, touched, deleted), a shelf outside the folder for
 * {@code liveswap:apply}.
 */
final class ChaosFolder {

    private final Path deploy;
    private final Path shelf;
    /** File name to content, of every update jar the test uses. */
    private final Map<String, byte[]> jars = new LinkedHashMap<>();
    private final Set<String> knownSha256;
    private int copies;

    ChaosFolder(Path deploy, Path shelf) throws Exception {
        this.deploy = deploy;
        this.shelf = shelf;
        jars.put("notebook-2.0.0.jar", read("demo-notebook-v2"));
        jars.put("notebook-2.0.0-slow.jar", read("notebook-slow"));
        jars.put("notebook-2.1.0.jar", read("demo-notebook-v2-1"));
        jars.put("notebook-3.0.0-broken.jar", read("demo-notebook-v3-broken"));
        for (Map.Entry<String, byte[]> jar : jars.entrySet()) {
            Files.write(shelf.resolve(jar.getKey()), jar.getValue());
        }
        knownSha256 = jars.values().stream().map(ChaosFolder::sha256).collect(Collectors.toSet());
    }

    private static byte[] read(String artifact) throws Exception {
        return Files.readAllBytes(Path.of(URI.create(Platform.location(artifact))));
    }

    /** @return the names of the update jars the test knows */
    List<String> names() {
        return List.copyOf(jars.keySet());
    }

    /** @return the SHA-256 of every complete jar the test ever writes: any other content journaled is a torn copy */
    Set<String> knownSha256() {
        return knownSha256;
    }

    Path onShelf(String name) {
        return shelf.resolve(name);
    }

    /** @return the update jars in the watched folder (not the sentinels), sorted */
    List<String> present() throws Exception {
        try (Stream<Path> files = Files.list(deploy)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .filter(n -> !n.startsWith(WatcherSentinel.PREFIX)).sorted().toList();
        }
    }

    /** Drops a jar whole: written beside the folder, then moved in at once. */
    void drop(String name) throws Exception {
        UpdateJars.drop(onShelf(name), deploy, name);
    }

    /** Writes a jar into the folder in pieces, with pauses between them, as a slow copy over a network would. */
    void copySlowly(String name, Random random) throws Exception {
        byte[] content = jars.get(name);
        int pieces = 3 + random.nextInt(4);
        try (OutputStream out = Files.newOutputStream(deploy.resolve(name))) {
            for (int i = 0; i < pieces; i++) {
                int from = content.length * i / pieces;
                int to = content.length * (i + 1) / pieces;
                out.write(content, from, to - from);
                out.flush();
                if (i < pieces - 1) {
                    TimeUnit.MILLISECONDS.sleep(150 + random.nextInt(350)); // pacing the copy, not synchronising
                }
            }
        }
    }

    /** Copies a jar of the folder under another name (whole); returns the new name. */
    String duplicate(String name) throws Exception {
        String copy = "copy" + (++copies) + "-" + name;
        UpdateJars.drop(deploy.resolve(name), deploy, copy);
        return copy;
    }

    /** Touches a jar: same content, a new modification time, so the watcher reports it again. */
    void touch(String name) throws Exception {
        Path file = deploy.resolve(name);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
    }

    void delete(String name) throws Exception {
        Files.delete(deploy.resolve(name));
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
