package io.liveswap.it;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.Test;

/**
 * Production mode ({@code liveswap.production=true}) in the real runtime: with the Web Console's default password
 * the console does not start (the HTTP service answers 404 under /system/console, the log says why and how to fix
 * it); started again on the same folder with a password, the console serves, behind authentication.
 */
public class WebConsoleProductionIT {

    @Test
    public void theDefaultPasswordKeepsTheConsoleStoppedUntilAPasswordIsSet() throws Exception {
        Path folder = Files.createTempDirectory("liveswap-webconsole-production");
        int port = freePort();
        try (RuntimeProcess runtime = RuntimeProcess.start(folder, "-Dorg.osgi.service.http.port=" + port,
                "-Dliveswap.production=true")) {
            runtime.awaitOutput("Web console NOT started: production mode (liveswap.production=true) and the"
                    + " console's password is the default 'admin'", java.time.Duration.ofSeconds(30));
            // FileInstall starts at level 100, after the console's 90: once it is active, the console would be too
            assertEquals("Active", state(runtime, "org.apache.felix.fileinstall"));
            assertEquals("Resolved", state(runtime, "org.apache.felix.webconsole"));
            runtime.await("the HTTP service answers on port " + port, () -> status(port, "admin") > 0);
            assertEquals("no console with the default password", 404, status(port, "admin"));
        }
        try (RuntimeProcess runtime = RuntimeProcess.start(folder, "-Dorg.osgi.service.http.port=" + port,
                "-Dliveswap.production=true", "-Dfelix.webconsole.password=Production-1")) {
            runtime.await("the console answers on port " + port, () -> status(port, null) == 401);
            assertEquals(401, status(port, "admin"));
            assertEquals(200, status(port, "Production-1"));
        }
    }

    /** The bundle's state as {@code lb -s} shows it, once it is no longer Installed or Starting. */
    private static String state(RuntimeProcess runtime, String symbolicName) throws IOException {
        String[] state = new String[1];
        runtime.await(symbolicName + " settled", () -> {
            try {
                for (String line : runtime.typed("lb -s " + symbolicName)) {
                    String[] columns = line.split("\\|");
                    if (columns.length >= 4 && columns[3].trim().startsWith(symbolicName)) {
                        state[0] = columns[1].trim();
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return state[0] != null && !state[0].equals("Installed") && !state[0].equals("Starting");
        });
        return state[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** The status of GET /system/console/liveswap as admin with that password (none: no credentials); -1 if down. */
    private static int status(int port, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/system/console/liveswap"));
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException notListening) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
