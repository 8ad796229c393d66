package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.Test;
import org.ops4j.pax.exam.Option;

/**
 * The web console's bundles in a plain Felix (Pax Exam, so on every Java the build runs on, 17 and 25, unlike the
 * runtime jar): Felix HTTP Jetty, the Web Console 5 and the Liveswap page resolve and start; the page shows the demo
 * unit behind authentication, and an action without the session's token is refused.
 */
public class WebConsolePluginIT extends PlatformTestBase {

    // the options are made outside the framework, the test runs in its probe (another class loader, other statics):
    // the test reads the port and the password back from the framework properties
    private int port;
    private String password;

    @Override
    protected Option testOptions() {
        return composite(
                frameworkProperty("org.osgi.service.http.port").value(Integer.toString(freePort())),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                frameworkProperty("felix.webconsole.password").value("pax-" + Long.toHexString(System.nanoTime())),
                Platform.at(3, "http-servlet-api", "http-jetty", "osgi-service-log", "felix-inventory",
                        "owasp-encoder", "webconsole"),
                Platform.at(Platform.UNITS, "demo-api", "demo-notebook-v1", "platform-webconsole"));
    }

    @Test
    public void thePageShowsTheUnitBehindAuthenticationAndRefusesAnActionWithoutToken() throws Exception {
        port = Integer.parseInt(context.getProperty("org.osgi.service.http.port"));
        password = context.getProperty("felix.webconsole.password");
        Await.until("the page answers on port " + port, Duration.ofSeconds(30), () -> status(null) == 401);
        HttpResponse<String> page = send(request(password).build());
        assertEquals(200, page.statusCode());
        assertTrue(page.body(), page.body().contains("<td class=\"unit\">notebook</td><td class=\"version\">1.0.0<"));
        HttpResponse<String> forged = send(request(password).header("Content-Type",
                "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "action=rollback&unit=notebook")).build());
        assertEquals(403, forged.statusCode());
        assertEquals("1.0.0", table.unit("notebook").version);
    }

    private HttpRequest.Builder request(String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/system/console/liveswap")).timeout(Duration.ofSeconds(30));
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private int status(String password) {
        try {
            return send(request(password).build()).statusCode();
        } catch (IOException notYetListening) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
