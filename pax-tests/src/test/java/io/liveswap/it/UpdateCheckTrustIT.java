package io.liveswap.it;

import static io.liveswap.it.Platform.UNITS;
import static io.liveswap.it.Platform.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;

import io.liveswap.api.Reason;
import io.liveswap.updates.CheckDTO;
import io.liveswap.updates.CheckVerdict;
import io.liveswap.updates.UpdateManager;

/**
 * The dry run with a trust store: an unsigned demo update would be refused ({@code UNSIGNED}) and the same jar
 * signed with a trusted key would apply ({@code TRUSTED}); neither changes the unit or the journal. Keys and jars are
 * made by the JDK's keytool and jarsigner in {@code target/check-trust} before the framework starts (the host JVM
 * and the test probe share that working folder, not static fields).
 */
public class UpdateCheckTrustIT extends PlatformTestBase {

    private static final Path KEYS = Path.of("target", "check-trust").toAbsolutePath();

    @Inject
    UpdateManager updates;

    @Override
    protected Option testOptions() {
        makeKeys();
        return CoreOptions.composite(
                CoreOptions.frameworkProperty("liveswap.trust.store").value(KEYS.resolve("trust.p12").toString()),
                CoreOptions.frameworkProperty("liveswap.trust.password").value("trustpass"),
                at(UNITS, "demo-api", "demo-notebook-v1"));
    }

    @Test
    public void unsignedWouldBeRefusedAndSignedByATrustedKeyWouldApply() throws Exception {
        int records = updates.history(null).size();

        CheckDTO unsigned = updates.check(Platform.location("demo-notebook-v2"));
        assertEquals(unsigned.line, CheckVerdict.WOULD_REFUSE, unsigned.verdict);
        assertEquals(Reason.UNSIGNED, unsigned.reason);
        assertEquals("UNSIGNED", unsigned.signature);
        assertNull("not tried", unsigned.trial);

        CheckDTO signed = updates.check(KEYS.resolve("notebook-2.0.0-signed.jar").toString());
        assertEquals(signed.line, CheckVerdict.WOULD_APPLY, signed.verdict);
        assertEquals("TRUSTED", signed.signature);
        assertTrue(signed.trial.passed);

        assertEquals("1.0.0", table.unit("notebook").version);
        assertEquals("a check journals nothing", records, updates.history(null).size());
    }

    /** Once per build: a signing key, a trust store with its certificate, and the demo's 2.0.0 signed with it. */
    private static synchronized void makeKeys() {
        Path signed = KEYS.resolve("notebook-2.0.0-signed.jar");
        if (Files.isRegularFile(signed)) {
            return;
        }
        try {
            Files.createDirectories(KEYS);
            Path keys = KEYS.resolve("keys.p12");
            Files.deleteIfExists(keys);
            Files.deleteIfExists(KEYS.resolve("trust.p12"));
            run("keytool", "-genkeypair", "-alias", "release", "-dname", "CN=Liveswap Release", "-keyalg", "EC",
                    "-validity", "30", "-keystore", keys.toString(), "-storepass", "secret");
            Path cert = KEYS.resolve("release.cer");
            run("keytool", "-exportcert", "-alias", "release", "-file", cert.toString(), "-keystore",
                    keys.toString(), "-storepass", "secret");
            run("keytool", "-importcert", "-noprompt", "-alias", "release", "-file", cert.toString(), "-keystore",
                    KEYS.resolve("trust.p12").toString(), "-storepass", "trustpass");
            Path unsigned = Path.of(URI.create(Platform.location("demo-notebook-v2")));
            Path copy = KEYS.resolve("signing.jar");
            Files.copy(unsigned, copy, StandardCopyOption.REPLACE_EXISTING);
            run("jarsigner", "-keystore", keys.toString(), "-storepass", "secret", copy.toString(), "release");
            Files.move(copy, signed, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception e) {
            throw new IllegalStateException("could not make the test's keys in " + KEYS + ": " + e, e);
        }
    }

    private static void run(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", tool)
                .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
