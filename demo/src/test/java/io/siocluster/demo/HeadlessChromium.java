package io.siocluster.demo;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * The machine's own Chromium and chromedriver (Debian's {@code chromium} and {@code chromium-driver}), driven
 * through Selenium. Both paths are given to Selenium, so Selenium Manager never runs and nothing is
 * downloaded. Without them a test is skipped with the reason, unless {@code SIO_DEMO_REQUIRE_CHROMIUM=true}
 * (set by .ci/run), which turns the skip into a failure.
 */
final class HeadlessChromium {

    static final String REQUIRE_VARIABLE = "SIO_DEMO_REQUIRE_CHROMIUM";

    /**
     * Headless, and quiet on the network: no QUIC, sync, component updates or background requests, and a
     * fresh profile, so the browser reaches only the pages it is sent to.
     */
    private static final String[] FLAGS = {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,800"};

    private final Path browser;
    private final Path driver;

    private HeadlessChromium(Path browser, Path driver) {
        this.browser = browser;
        this.driver = driver;
    }

    /** The installed Chromium, or the test is skipped (failed with {@code SIO_DEMO_REQUIRE_CHROMIUM=true}). */
    static HeadlessChromium installedOrSkip() {
        Optional<Path> browser = find("SIO_CHROMIUM", "chromium", "chromium-browser");
        Optional<Path> driver = find("SIO_CHROMEDRIVER", "chromedriver");
        if (browser.isEmpty() || driver.isEmpty()) {
            String reason = "no " + (browser.isEmpty() ? "chromium" : "chromedriver") + " found (install Debian's"
                    + " chromium and chromium-driver, or name them in SIO_CHROMIUM / SIO_CHROMEDRIVER)";
            if (Boolean.parseBoolean(System.getenv(REQUIRE_VARIABLE))) {
                throw new IllegalStateException(reason + " and " + REQUIRE_VARIABLE + "=true");
            }
            Assumptions.abort(reason);
        }
        return new HeadlessChromium(browser.get(), driver.get());
    }

    /** A new browser with a fresh profile directory, which {@link ChatBrowser#close()} deletes. */
    ChatBrowser start() {
        Path profile = createProfileDirectory();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL")); // console and CSP reports
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        try {
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new ChatBrowser(chrome, profile);
        } catch (RuntimeException e) {
            ChatBrowser.deleteRecursively(profile);
            throw e;
        }
    }

    private static Path createProfileDirectory() {
        try {
            return Files.createTempDirectory("sio-demo-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An executable named by {@code variable}, else the first of {@code names} on the PATH. */
    private static Optional<Path> find(String variable, String... names) {
        @Nullable String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin");
        return Arrays.stream(path.split(File.pathSeparator))
                .flatMap(dir -> Arrays.stream(names).map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
