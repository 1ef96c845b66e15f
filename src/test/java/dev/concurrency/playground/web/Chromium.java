package dev.concurrency.playground.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium with a fresh profile of its own, driven through Debian's chromedriver, for tests
 * that use the dashboard as a person would. It keeps what the browser's console reported, so a test can
 * require that the page ran without errors, and takes screenshots.
 *
 * <p>Both executables are named explicitly: otherwise Selenium Manager goes looking for a driver on the
 * network, which a build machine may not reach.
 */
public final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Long enough for a loaded machine; a wait ends as soon as its condition holds, so it bounds nothing else. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with an empty profile, or fails saying what to install. */
    public static Chromium start() {
        for (Path executable : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException(executable + " is missing: the browser tests need Debian's Chromium and its "
                        + "driver; install them with: apt-get install chromium chromium-driver");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024",
                // Smooth scrolling would move an element while the driver clicks it; the page honours the preference.
                "--force-prefers-reduced-motion", "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString())).usingAnyFreePort().build();
        return new Chromium(new ChromeDriver(service, options), profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits for the condition to hold (non-null, or true), and returns what it returned. */
    public <T> T await(Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, PATIENCE).withMessage(what).until(condition);
    }

    /** Waits for the page's scripts to say they are ready (html[data-ready]). */
    public void awaitReady() {
        await(d -> "true".equals(d.findElement(By.tagName("html")).getDomAttribute("data-ready")), "the page's ready flag");
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Makes the page follow a dark (or light) colour preference, as a browser set to dark mode would. */
    public void prefersColorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Every console message of level SEVERE so far (errors, failed loads, CSP violations). */
    public List<String> consoleErrors() {
        driver.manage().logs().get(LogType.BROWSER).forEach(console::add);
        return console.stream().filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** A screenshot of the whole page, not only the window: the window is made as tall as the page first. */
    public void screenshot(Path file) {
        Number height = (Number) script("window.scrollTo(0, 0); return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, Math.min(height.intValue() + 20, 6000)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1024));
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A profile left in the temporary directory harms nothing.
            }
        }
    }
}
