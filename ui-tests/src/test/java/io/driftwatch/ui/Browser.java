package io.driftwatch.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium through its chromedriver ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver};
 * {@code CHROMIUM_BIN} and {@code CHROMEDRIVER_BIN} override), en-US, a fixed 1400×1000 window and a time zone set
 * through the DevTools protocol. Console errors are collected from the browser log and from a hook installed before
 * every page ({@code window.onerror}, unhandled rejections, {@code console.error}).
 */
final class Browser implements AutoCloseable {
    private static final String HOOK = """
            window.__errors = [];
            window.addEventListener('error', e => window.__errors.push('error: ' + e.message));
            window.addEventListener('unhandledrejection', e => window.__errors.push('rejection: ' + (e.reason && e.reason.message || e.reason)));
            const ce = console.error; console.error = (...a) => { window.__errors.push('console.error: ' + a.join(' ')); ce(...a); };
            """;
    final ChromeDriver driver;
    private final Path shots;
    private final List<String> logged = new ArrayList<>();

    Browser(Path userData, Path shots, String timeZone) {
        this.shots = shots;
        ChromeOptions o = new ChromeOptions();
        o.setBinary(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1400,1000", "--hide-scrollbars",
                "--user-data-dir=" + userData.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, o);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", HOOK));
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", timeZone));
    }

    /** Opens the URL and waits until the page has rendered its data once (body[data-ready]); fails on a load error. */
    void open(String url) {
        driver.get(url);
        waitReady(1);
    }

    /** Opens the URL without waiting for the page's data (e.g. a login form). */
    void visit(String url) {
        driver.get(url);
    }

    /** Waits (up to 30 s) until an element matches {@code css}, and returns it. */
    WebElement await(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    /** Runs a script in the page and returns its value. */
    Object script(String js) {
        return driver.executeScript(js);
    }

    /** Waits until the page has rendered at least {@code n} times since it was opened. */
    void waitReady(int n) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            String failed = d.findElement(By.tagName("body")).getDomAttribute("data-failed");
            if (failed != null) {
                throw new AssertionError("the page failed to load its data: " + failed);
            }
            String ready = d.findElement(By.tagName("body")).getDomAttribute("data-ready");
            return ready != null && Integer.parseInt(ready) >= n;
        });
    }

    void setDarkTheme(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Saves a full-window PNG as {@code target/screenshots/{name}.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(shots);
            Path file = shots.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The errors logged since the last call: SEVERE browser-log entries and the hook's records. */
    List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            logged.add(e.getMessage());
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        Object hooked = driver.executeScript("const e = window.__errors || []; window.__errors = []; return e;");
        if (hooked instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
