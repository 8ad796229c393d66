package io.liveswap.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.Assume;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, driven through Debian's {@code chromedriver} (found on the PATH; never
 * downloaded: there is no network). Without them the calling test is skipped with a message saying how to install
 * them, except under CI ({@code CI} set), where {@code .ci/run} installs them and their absence fails the test.
 */
final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium start() throws IOException {
        Path browser = onPath("chromium");
        Path chromedriver = onPath("chromedriver");
        if (browser == null || chromedriver == null) {
            String missing = "no " + (browser == null ? "chromium" : "chromedriver") + " on the PATH: install Debian's"
                    + " chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(missing);
            }
            Assume.assumeTrue(missing, false);
        }
        Path profile = Files.createTempDirectory("liveswap-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // without these, chromium's background connections (no network here) are refused many at a time
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
