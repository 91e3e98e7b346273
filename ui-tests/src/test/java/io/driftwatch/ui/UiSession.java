package io.driftwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What the page-by-page ITs share for a whole class: the filled {@link UiFixture} server under {@code dir} and one
 * headless {@link Browser} on it in a chosen time zone (its profile in {@code dir/chrome}, screenshots in
 * {@code target/screenshots/}). Opened in {@code @BeforeAll}, checked for console errors after each test, closed in
 * {@code @AfterAll}: the browser first, then the server.
 */
final class UiSession implements AutoCloseable {
    final UiFixture fx;
    final Browser browser;

    private UiSession(UiFixture fx, Browser browser) {
        this.fx = fx;
        this.browser = browser;
    }

    /** Starts and fills the server, then the browser in {@code timeZone} (an IANA id); on failure stops the server. */
    static UiSession open(Path dir, String timeZone) throws IOException {
        UiFixture fx = UiFixture.start(dir);
        try {
            return new UiSession(fx, new Browser(dir.resolve("chrome"), Path.of("target/screenshots"), timeZone));
        } catch (RuntimeException | Error e) {
            fx.close();
            throw e;
        }
    }

    /** The fixture project's start page in the UI: {@code http://localhost:{port}/#/projects/iris}. */
    String projectUrl() {
        return fx.url() + "/#/projects/" + UiFixture.P;
    }

    /** Fails naming the console errors the page logged since the last check (browser log and the page's hook). */
    void assertNoConsoleErrors() {
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            fx.close();
        }
    }
}
