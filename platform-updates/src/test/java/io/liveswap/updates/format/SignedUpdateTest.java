package io.liveswap.updates.format;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import io.liveswap.api.Reason;

/**
 * Signed updates, with keys made at test time by the JDK's keytool and jars signed by its jarsigner: trusted,
 * unsigned, tampered, expired and untrusted signers, each with the message the operator sees.
 */
public class SignedUpdateTest {

    @ClassRule
    public static TemporaryFolder folder = new TemporaryFolder();

    private static Path keys;
    private static Path trust;
    private static TrustPolicy policy;

    @BeforeClass
    public static void makeKeys() throws Exception {
        keys = folder.getRoot().toPath().resolve("keys.p12");
        trust = folder.getRoot().toPath().resolve("trust.p12");
        keytool("-genkeypair", "-alias", "release", "-dname", "CN=Liveswap Release", "-keyalg", "EC",
                "-validity", "30", "-keystore", keys.toString(), "-storepass", "secret");
        keytool("-genkeypair", "-alias", "stranger", "-dname", "CN=Stranger", "-keyalg", "EC", "-validity", "30",
                "-keystore", keys.toString(), "-storepass", "secret");
        keytool("-genkeypair", "-alias", "old", "-dname", "CN=Old Release", "-keyalg", "EC", "-startdate", "-10d",
                "-validity", "2", "-keystore", keys.toString(), "-storepass", "secret");
        keytool("-genkeypair", "-alias", "future", "-dname", "CN=Future Release", "-keyalg", "EC", "-startdate",
                "+10d", "-validity", "30", "-keystore", keys.toString(), "-storepass", "secret");
        for (String alias : List.of("release", "old", "future")) {
            Path cert = folder.getRoot().toPath().resolve(alias + ".cer");
            keytool("-exportcert", "-alias", alias, "-file", cert.toString(), "-keystore", keys.toString(),
                    "-storepass", "secret");
            keytool("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-keystore",
                    trust.toString(), "-storepass", "trustpass");
        }
        policy = TrustPolicy.trustStore(trust, "trustpass".toCharArray());
    }

    private static Path update(String name) throws IOException {
        return TestJars.jar(folder.getRoot().toPath().resolve(name), TestJars.update("notebook", "2.0.0", "1.0.0"),
                Map.of("io/example/Code.class", "original code".getBytes()));
    }

    private static Path signed(String name, String alias) throws Exception {
        Path jar = update(name);
        run(tool("jarsigner"), "-keystore", keys.toString(), "-storepass", "secret", jar.toString(), alias);
        return jar;
    }

    /** Asserts the refusal's code and returns its message. */
    private static String refusal(Path jar, Reason expected) {
        InvalidUpdateException refused = assertThrows(InvalidUpdateException.class,
                () -> UpdateBundleReader.read(jar, policy));
        assertEquals(refused.getMessage(), expected, refused.reason());
        return refused.getMessage();
    }

    @Test
    public void aJarSignedByATrustedSignerIsAccepted() throws Exception {
        assertEquals("notebook", UpdateBundleReader.read(signed("good.jar", "release"), policy).unit());
    }

    @Test
    public void anUnsignedJarIsRefused() throws Exception {
        String message = refusal(update("unsigned.jar"), Reason.UNSIGNED);
        assertTrue(message, message.contains("is not signed") && message.contains("trust.p12"));
    }

    @Test
    public void aJarChangedAfterSigningIsRefused() throws Exception {
        Path jar = signed("tampered.jar", "release");
        Path tampered = folder.getRoot().toPath().resolve("tampered-2.jar");
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(tampered);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream content = in.getInputStream(entry)) {
                    byte[] bytes = content.readAllBytes();
                    out.write(entry.getName().endsWith("Code.class") ? "evil code".getBytes() : bytes);
                }
                out.closeEntry();
            }
        }
        String message = refusal(tampered, Reason.TAMPERED);
        assertTrue(message, message.contains("was changed after it was signed"));
    }

    @Test
    public void aJarSignedWithAnExpiredCertificateIsRefused() throws Exception {
        String message = refusal(signed("expired.jar", "old"), Reason.SIGNATURE_EXPIRED);
        assertTrue(message, message.contains("'CN=Old Release'") && message.contains("expired"));
    }

    @Test
    public void aJarSignedWithACertificateNotYetValidIsRefused() throws Exception {
        String message = refusal(signed("future.jar", "future"), Reason.SIGNATURE_NOT_YET_VALID);
        assertTrue(message, message.contains("'CN=Future Release'") && message.contains("not valid before"));
    }

    @Test
    public void aJarSignedByAnUntrustedSignerIsRefused() throws Exception {
        String message = refusal(signed("stranger.jar", "stranger"), Reason.UNTRUSTED);
        assertTrue(message, message.contains("'CN=Stranger', who is not trusted"));
    }

    @Test
    public void withoutATrustStoreUnsignedJarsAreAccepted() throws Exception {
        assertTrue(TrustPolicy.acceptUnsigned().acceptsUnsigned());
        assertEquals("notebook", UpdateBundleReader.read(update("plain.jar")).unit());
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool("keytool")));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }
}
