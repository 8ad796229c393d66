package io.liveswap.webconsole;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class UploadedJarTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void noFileNamesTheFix() throws IOException {
        UploadedJar upload = UploadedJar.save(null, null, folder());
        assertNull(upload.path());
        assertTrue(upload.problem(), upload.problem().startsWith("No file was uploaded: choose an update bundle jar"));
    }

    @Test
    public void emptyFileIsRefused() throws IOException {
        UploadedJar upload = UploadedJar.save("v2.jar", new ByteArrayInputStream(new byte[0]), folder());
        assertNull(upload.path());
        assertTrue(upload.problem(), upload.problem().startsWith("'v2.jar' is empty (0 bytes)"));
        assertEquals("nothing is left behind", 0, Files.list(folder()).count());
    }

    @Test
    public void notAJarIsRefused() throws IOException {
        UploadedJar upload = UploadedJar.save("notes.txt", new ByteArrayInputStream("hello".getBytes()), folder());
        assertNull(upload.path());
        assertTrue(upload.problem(), upload.problem().startsWith("'notes.txt' is not a jar"));
        assertTrue(upload.problem(), upload.problem().contains("a '.txt' file"));
        assertEquals(0, Files.list(folder()).count());
    }

    @Test
    public void aJarIsKeptUnderItsName() throws IOException {
        byte[] jar = jar("1");
        UploadedJar upload = UploadedJar.save("C:\\Users\\op\\demo v2.jar", new ByteArrayInputStream(jar), folder());
        assertNull(upload.problem());
        assertEquals(folder().resolve("demo_v2.jar"), upload.path());
        assertEquals(-1, Files.mismatch(upload.path(), write(jar)));
    }

    @Test
    public void aPathInTheNameStaysInTheFolder() throws IOException {
        UploadedJar upload = UploadedJar.save("../../etc/evil.jar", new ByteArrayInputStream(jar("1")), folder());
        assertEquals(folder().resolve("evil.jar"), upload.path());
        assertEquals(null, UploadedJar.safeName("..."));
    }

    @Test
    public void sameBytesReuseTheFileOtherBytesGetANumberedName() throws IOException {
        Path first = UploadedJar.save("u.jar", new ByteArrayInputStream(jar("1")), folder()).path();
        Path again = UploadedJar.save("u.jar", new ByteArrayInputStream(jar("1")), folder()).path();
        Path other = UploadedJar.save("u.jar", new ByteArrayInputStream(jar("2")), folder()).path();
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertEquals(folder().resolve("u-2.jar"), other);
    }

    private Path folder() {
        return temp.getRoot().toPath().resolve("uploads");
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(temp.newFile().toPath(), bytes);
    }

    private static byte[] jar(String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Bundle-Version", version);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JarOutputStream(out, manifest).close();
        return out.toByteArray();
    }
}
