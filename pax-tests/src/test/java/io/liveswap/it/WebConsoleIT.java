package io.liveswap.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The Liveswap page of the Felix Web Console in the real runtime ({@code runtime/target/liveswap.jar}) on a free
 * loopback port: a headless Chromium signs in, sees the demo unit, is told that a text file is not a jar, checks
 * (dry run) and then applies the demo's 2.0.0 update from the page, sees the new version and the journal entry,
 * rolls back and sees 1.0.0 again (screenshots in {@code pax-tests/target/webconsole-liveswap*.png}); an action
 * without the session's form token is refused and changes nothing (CSRF); a request without credentials gets 401.
 */
public class WebConsoleIT {

    private static final String PASSWORD = "it-" + Long.toHexString(System.nanoTime());
    private static final Duration PAGE = Duration.ofSeconds(30);

    private static RuntimeProcess runtime;
    private static int port;

    @BeforeClass
    public static void startRuntime() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        runtime = RuntimeProcess.start(Files.createTempDirectory("liveswap-webconsole"),
                "-Dorg.osgi.service.http.port=" + port, "-Dfelix.webconsole.password=" + PASSWORD);
        runtime.await("the web console answers on port " + port, () -> status(get(null)) == 401);
    }

    @AfterClass
    public static void stopRuntime() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    public void browserAppliesTheDemoUpdateAndRollsItBack() throws Exception {
        Path v2 = Path.of(System.getProperty("bundle.demo-notebook-v2")).toAbsolutePath();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver browser = chromium.driver();
            browser.get("http://admin:" + PASSWORD + "@127.0.0.1:" + port + "/system/console/liveswap");
            awaitText(browser, "the notebook row at 1.0.0", "tr[data-unit='notebook'] td.version", "1.0.0");
            assertEquals("serving", browser.findElement(By.cssSelector("tr[data-unit='notebook'] td.state")).getText());

            int records = runtime.journal().size();
            Path notAJar = Files.writeString(Files.createTempDirectory("liveswap-upload").resolve("notes.txt"), "hi");
            browser.findElement(By.id("liveswap-jar")).sendKeys(notAJar.toString());
            browser.findElement(By.id("liveswap-apply")).click();
            awaitText(browser, "the refusal of a file that is not a jar", "#liveswap-result.problem",
                    "'notes.txt' is not a jar");

            browser.findElement(By.id("liveswap-jar")).sendKeys(v2.toString());
            browser.findElement(By.id("liveswap-check")).click();
            awaitText(browser, "the dry run's verdict", "#liveswap-result.ok", "WOULD_APPLY notebook 1.0.0 -> 2.0.0");
            assertEquals("1.0.0", browser.findElement(By.cssSelector("tr[data-unit='notebook'] td.version")).getText());
            assertEquals("neither the refusal nor the dry run is journaled", records, runtime.journal().size());

            browser.findElement(By.id("liveswap-jar")).sendKeys(v2.toString());
            browser.findElement(By.id("liveswap-apply")).click();
            awaitText(browser, "the apply's result", "#liveswap-result", "COMMITTED notebook 1.0.0 -> 2.0.0");
            awaitText(browser, "the notebook row at 2.0.0", "tr[data-unit='notebook'] td.version", "2.0.0");
            String newest = browser.findElement(By.cssSelector("#liveswap-journal li:first-child")).getText();
            assertTrue(newest, newest.contains("COMMITTED") && newest.contains("notebook")
                    && newest.contains("1.0.0 \u2192 2.0.0"));
            browser.findElement(By.cssSelector("details.liveswap-unit[data-unit='notebook'] summary")).click();
            assertFalse("a pause bar in the notebook's chart", browser.findElements(
                    By.cssSelector("details.liveswap-unit[data-unit='notebook'] svg rect")).isEmpty());
            screenshot(browser, "webconsole-liveswap.png");

            browser.findElement(By.cssSelector("tr[data-unit='notebook'] button[value='rollback']")).click();
            awaitText(browser, "the rollback's result", "#liveswap-result", "ROLLED_BACK notebook");
            awaitText(browser, "the notebook row at 1.0.0 again", "tr[data-unit='notebook'] td.version", "1.0.0");
            String rolledBack = browser.findElement(By.cssSelector("#liveswap-journal li:first-child")).getText();
            assertTrue(rolledBack, rolledBack.contains("ROLLED_BACK") && rolledBack.contains("2.0.0 \u2192 1.0.0"));
            screenshot(browser, "webconsole-liveswap-rolled-back.png");
        }
        List<String> units = runtime.typed("liveswap:units");
        assertTrue(String.join("\n", units), units.stream().anyMatch(l -> l.startsWith("notebook") && l.contains(
                " 1.0.0 ")));
    }

    @Test
    public void anActionWithoutTheSessionsTokenIsRefusedAndChangesNothing() throws Exception {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = client.send(request(PASSWORD).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"liveswap.token\" value=\"([^\"]+)\"").matcher(page);
        assertTrue(page, token.find());
        String version = version(page);
        int journal = runtime.journal().size();

        HttpResponse<String> noToken = client.send(post(PASSWORD, "action=rollback&unit=notebook"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noToken.statusCode());
        assertTrue(noToken.body(), noToken.body().startsWith("Refused: the request carries no valid form token"));

        HttpResponse<String> wrongToken = client.send(post(PASSWORD,
                "action=rollback&unit=notebook&liveswap.token=" + token.group(1) + "x"),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, wrongToken.statusCode());

        HttpResponse<String> otherSession = HttpClient.newHttpClient().send(post(PASSWORD,
                "action=rollback&unit=notebook&liveswap.token=" + token.group(1)),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("the token of another session", 403, otherSession.statusCode());

        String after = client.send(request(PASSWORD).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertEquals(version, version(after));
        assertEquals("no journal record", journal, runtime.journal().size());
    }

    @Test
    public void withoutCredentialsTheConsoleAnswers401() throws Exception {
        assertEquals(401, status(get(null)));
        assertEquals(401, status(get("wrong")));
        assertEquals(401, HttpClient.newHttpClient().send(post(null, "action=rollback&unit=notebook"),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(200, status(get(PASSWORD)));
    }

    private static String version(String page) {
        Matcher m = Pattern.compile("data-unit=\"notebook\"><td class=\"unit\">notebook</td><td class=\"version\">"
                + "([^<]+)<").matcher(page);
        assertTrue(page, m.find());
        return m.group(1);
    }

    private static void awaitText(WebDriver browser, String what, String css, String text) {
        Await.until(what + " ('" + text + "' in " + css + ")", PAGE, () -> {
            try {
                return browser.findElement(By.cssSelector(css)).getText().contains(text);
            } catch (NoSuchElementException | StaleElementReferenceException notYet) {
                return false;
            }
        });
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static HttpRequest.Builder request(String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/system/console/liveswap")).timeout(PAGE);
        if (password != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private static HttpRequest post(String password, String form) {
        return request(password).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    }

    private static HttpResponse<Void> get(String password) {
        try {
            return HttpClient.newHttpClient().send(request(password).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException notYetListening) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int status(HttpResponse<?> response) {
        return response == null ? -1 : response.statusCode();
    }
}
