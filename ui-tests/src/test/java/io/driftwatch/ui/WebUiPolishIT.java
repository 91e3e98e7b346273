package io.driftwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 19 pt 4 in headless Chromium against the {@link UiFixture} server: the 10-second refresh keeps an open
 * editor with what was typed in it and a wide table's inner scroll position; badges are readable (text colour is not
 * the background colour); no page shows a raw ISO duration, a raw status code or a wire status name.
 */
class WebUiPolishIT {
    @TempDir
    static Path dir;
    private static UiSession ui;
    private static UiFixture fx;
    private static Browser browser;
    private static String ep;

    @BeforeAll
    static void start() throws Exception {
        ui = UiSession.open(dir, "Europe/Berlin");
        fx = ui.fx;
        browser = ui.browser;
        ep = ui.projectUrl();
    }

    @AfterAll
    static void stop() {
        if (ui != null) {
            ui.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        ui.assertNoConsoleErrors();
    }

    private static int ready() {
        return Integer.parseInt(browser.find("body").getDomAttribute("data-ready"));
    }

    /** Waits for the page's next timed refresh (up to 30 s). */
    private static void nextRefresh() {
        browser.waitReady(ready() + 1);
    }

    @Test
    void aRefreshKeepsAnOpenEditorAndWhatWasTypedInIt() {
        browser.open(ep + "/alerts");
        browser.find("[data-testid=new-alert]").click();
        browser.await("[data-testid=alert-editor]");
        browser.find("[data-testid=alert-name]").sendKeys("half-typed");
        String config = browser.find("[data-testid=alert-config]").getDomProperty("value");
        nextRefresh();
        assertThat(browser.findAll("[data-testid=alert-editor]")).hasSize(1);
        assertThat(browser.find("[data-testid=alert-name]").getDomProperty("value")).isEqualTo("half-typed");
        assertThat(browser.find("[data-testid=alert-config]").getDomProperty("value")).isEqualTo(config).isNotEmpty();
        browser.find("[data-testid=alert-cancel]").click();
    }

    @Test
    void aRefreshKeepsTheInnerScrollOfAWideTable() {
        browser.driver.manage().window().setSize(new Dimension(900, 700));
        try {
            browser.open(ep + "/endpoints/" + fx.uidA + "/features");
            String wrap = "document.querySelector('[data-scroll-key=features]')";
            long room = ((Number) browser.script("return " + wrap + ".scrollWidth - " + wrap + ".clientWidth")).longValue();
            assertThat(room).as("the features table is wider than 900 px and scrolls inside").isGreaterThan(60);
            browser.script(wrap + ".scrollLeft = 60");
            nextRefresh();
            assertThat(((Number) browser.script("return " + wrap + ".scrollLeft")).longValue()).isEqualTo(60);
            long overflow = ((Number) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
            assertThat(overflow).as("the page itself does not scroll sideways").isLessThanOrEqualTo(0);
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1000));
        }
    }

    @Test
    void badgesAreReadable() {
        for (var a : fx.get("/projects/iris/alerts")) { // every activation resolved: the green "none active" badge
            fx.client.post("/projects/iris/alerts/" + a.path("name").asText() + "/reset", null);
        }
        browser.open(ep + "/endpoints/" + fx.uidA + "/overview");
        String css = "[data-testid=alert-badge] .badge.ok";
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> !browser.findAll(css).isEmpty() && !browser.find(css).getText().isBlank());
        String color = browser.find(css).getCssValue("color");
        String background = browser.find(css).getCssValue("background-color");
        assertThat(color).as("badge text colour vs background " + background).isNotEqualTo(background);
        assertThat(browser.find(css).getText()).contains("none active");
    }

    @Test
    void activationsNameTheModelAndResultAndShowDeliveryWithoutScrollingAt1280Pixels() {
        browser.driver.manage().window().setSize(new Dimension(1280, 800));
        try {
            browser.open(ep + "/alerts");
            var cells = browser.findAll("[data-testid=activations] [data-col=entity]");
            assertThat(cells).isNotEmpty().allSatisfy(c -> {
                assertThat(c.getDomAttribute("data-value")).matches("[0-9a-f]{40}\\..+");
                assertThat(c.getText()).as("entity in words").startsWith("iris-model").contains(" · ").doesNotContainPattern("[0-9a-f]{40}");
            });
            Number right = (Number) browser.script("return Math.max(...[...document.querySelectorAll("
                    + "'[data-testid=activations] [data-delivery]')].map(e => e.getBoundingClientRect().right))");
            Number width = (Number) browser.script("return document.documentElement.clientWidth");
            assertThat(right.doubleValue()).as("delivery status visible at 1280 px").isPositive().isLessThanOrEqualTo(width.doubleValue());
        } finally {
            browser.driver.manage().window().setSize(new Dimension(1400, 1000));
        }
    }

    @Test
    void aSlowPageSaysItIsLoadingUntilItsDataArrive() {
        browser.open(ep + "/endpoints");
        browser.script("const f = window.fetch; window.fetch = (...a) => new Promise(r => setTimeout(r, 1500)).then(() => f(...a));"
                + "location.hash = '#/projects/iris/endpoints/" + fx.uidA + "/windows';");
        assertThat(browser.await("main > [data-testid=loading]").getText()).isEqualTo("Loading…");
        browser.await("[data-testid=windows] tbody tr[data-window]");
        assertThat(browser.findAll("[data-testid=loading]")).isEmpty();
        browser.script("location.hash = '#/projects/iris/endpoints/no-such-endpoint/overview';");
        assertThat(browser.await("main > .err").getText()).startsWith("Could not load:");
        assertThat(browser.findAll("[data-testid=loading]")).as("an error replaces the loading note").isEmpty();
        browser.consoleErrors();
    }

    @Test
    void everyLiveFigureSaysWhenItWasRead() {
        browser.open(ep + "/endpoints");
        assertThat(browser.find("[data-testid=endpoints-asof] [data-asof]").getText()).startsWith("as of ");
        browser.open(ep + "/overview");
        assertThat(browser.findAll(".cards .card [data-asof]")).hasSize(browser.findAll(".cards .card [data-stat]").size()).isNotEmpty();
        browser.open(ep + "/endpoints/" + fx.uidA + "/overview");
        assertThat(browser.findAll("[data-testid=live-metrics] .card [data-asof]")).hasSize(5);
        browser.open(ep + "/endpoints/" + fx.uidA + "/operations?range=7d");
        assertThat(browser.findAll("[data-testid=op-figures] .card [data-asof]")).hasSize(browser.findAll("[data-op]").size());
    }

    @Test
    void theHeatMapColumnsAreTheWindowNumbersOfTheTable() {
        browser.open(ep + "/endpoints/" + fx.uidA + "/windows");
        List<String> numbers = browser.findAll("[data-testid=windows] tbody tr[data-window] [data-col=index]").stream()
                .map(e -> "#" + e.getText()).toList().reversed();
        assertThat(numbers).hasSize(6);
        assertThat(browser.findAll("[data-testid=feature-heat] text[data-label]")).extracting(e -> e.getText())
                .containsExactlyElementsOf(numbers);
    }

    @Test
    void noPageShowsRawDurationsStatusCodesOrWireNames() {
        List<String> pages = List.of("/endpoints", "/overview", "/applications", "/alerts",
                "/endpoints/" + fx.uidA + "/overview", "/endpoints/" + fx.uidA + "/operations?range=7d",
                "/endpoints/" + fx.uidA + "/windows", "/endpoints/" + fx.uidA + "/drift", "/endpoints/" + fx.uidA + "/metrics");
        browser.open(fx.url() + "/#/");
        assertThat(browser.find("main").getText()).as("projects page").doesNotContainPattern("\\bP(T\\d|\\d+D)");
        for (String page : pages) {
            browser.open(ep + page);
            String text = browser.find("main").getText();
            assertThat(text).as(page).doesNotContainPattern("\\bP(T\\d|\\d+D)").doesNotContainPattern("\\bstatus -?\\d\\b")
                    .doesNotContain("potential_detection").doesNotContain("no_detection").doesNotContain("/models/");
        }
        browser.open(ep + "/alerts");
        assertThat(browser.findAll("[data-col=criteria]")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.getText()).matches("—|\\d+ in \\d+ (s|min|h|d)( \\d+ (s|min|h|d))*"));
    }
}
