package io.driftwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 20 in headless Chromium against the {@link UiFixture} server, whose canary endpoint has labels (window 1 all,
 * window 2 half, degraded; window 3 none) and the built-in model-performance app with a validation set: the endpoint
 * list's Accuracy column, the overview's Accuracy field and the Performance tab (a chart per metric with one mark per
 * window, realized beside estimated with its band, label coverage, the windows table, the confusion matrix of a
 * chosen window, the time range in the URL, empty and error states). Values are checked against the REST API. The
 * tab's screenshot is copied to {@code docs/screenshots/endpoint-performance.png} (shown in the README).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiPerformanceIT {
    @TempDir
    static Path dir;
    private static UiSession ui;
    private static UiFixture fx;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        ui = UiSession.open(dir, "UTC");
        fx = ui.fx;
        browser = ui.browser;
        base = ui.projectUrl() + "/endpoints/";
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

    private static double num(WebElement e) {
        return Double.parseDouble(e.getDomAttribute("data-value"));
    }

    private static void until(java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.get());
    }

    /** model-performance's values of {@code name} for the canary, oldest window first. */
    private static List<Double> values(String name) {
        JsonNode v = fx.get("/projects/iris/model-endpoints/" + fx.uidB + "/metrics-values?name=iris.model-performance."
                + name + "&start=now-24h").path(0).path("values");
        List<Double> out = new ArrayList<>();
        v.forEach(x -> out.add(x.get(1).asDouble()));
        return out;
    }

    private static JsonNode performance() {
        return fx.get("/projects/iris/ui/endpoints/" + fx.uidB + "/performance?start=now-24h");
    }

    /** The end of the fixture's canary window {@code w} (0..2); a later window holds only the live event. */
    private static String end(int w) {
        return fx.t0.plus(UiFixture.PERIOD.multipliedBy(w + 1L)).toString();
    }

    /** The performance view's entry of the window ending at {@code end}. */
    private static JsonNode window(JsonNode api, String end) {
        for (JsonNode w : api.path("windows")) {
            if (w.path("window_end").asText().equals(end)) {
                return w;
            }
        }
        throw new AssertionError("no window ends at " + end + " in " + api.path("windows"));
    }

    private static String percent(double v) {
        return String.format(Locale.US, "%.1f %%", v * 100).replace(".0 %", " %");
    }

    @Test
    @Order(1)
    void accuracyColumnShowsModelPerformancesAccuracyOrWhyThereIsNone() {
        browser.open(fx.url() + "/#/projects/iris/endpoints");
        List<Double> acc = values("result.accuracy");
        assertThat(acc).as("windows 1 and 2 have labels").hasSize(2);
        WebElement canary = browser.find("tr[data-uid='" + fx.uidB + "'] [data-col=accuracy]");
        assertThat(num(canary)).isEqualTo(acc.getLast());
        assertThat(canary.getText().replace('\u202f', ' ')).isEqualTo(percent(acc.getLast()));
        assertThat(canary.getDomAttribute("title")).contains("accuracy from model-performance").contains("label coverage 50 %");
        WebElement serving = browser.find("tr[data-uid='" + fx.uidA + "'] [data-col=accuracy]");
        assertThat(serving.getText()).isEqualTo("—");
        assertThat(serving.getDomAttribute("title")).startsWith("no labels yet");
    }

    @Test
    @Order(2)
    void overviewShowsTheAccuracyFieldWithItsReason() {
        browser.open(base + fx.uidB + "/overview");
        until(() -> !browser.find("[data-testid=accuracy]").getDomAttribute("data-value").isEmpty());
        assertThat(num(browser.find("[data-testid=accuracy]"))).isEqualTo(values("result.accuracy").getLast());
        browser.open(base + fx.uidA + "/overview");
        until(() -> browser.find("[data-field=accuracy]").getText().contains("no labels yet"));
        assertThat(browser.find("[data-testid=accuracy]").getText()).startsWith("—");
    }

    @Test
    @Order(3)
    void performanceTabChartsEveryWindowRealizedBesideEstimatedWithCoverage() throws Exception {
        browser.open(base + fx.uidB + "/performance");
        browser.await("[data-testid=perf-charts]");
        JsonNode api = performance();
        // the fixture's three windows, plus the live event's window once it closed (an estimate from one row)
        int windows = api.path("windows").size();
        assertThat(windows).isBetween(3, 4);
        assertThat(browser.findAll("[data-testid=perf-charts] > [data-metric]")).hasSize(api.path("metrics").size());
        String chart = "[data-testid=perf-accuracy] ";
        until(() -> browser.findAll(chart + "g[data-window]").size() == performance().path("windows").size());
        api = performance();
        List<Double> realized = browser.findAll(chart + "circle[data-series=realized]").stream().map(WebUiPerformanceIT::num).toList();
        assertThat(realized).as("windows 1 and 2 are labelled").containsExactlyElementsOf(values("result.accuracy"));
        for (int i = 0; i < 3; i++) {
            JsonNode w = window(api, end(i));
            WebElement e = browser.find(chart + "g[data-window='" + end(i) + "'] circle[data-series=estimated]");
            JsonNode est = w.path("estimated").path("accuracy");
            assertThat(num(e)).as("estimate of window %d", i + 1).isEqualTo(est.path("value").asDouble());
            assertThat(Double.parseDouble(e.getDomAttribute("data-lower"))).isEqualTo(est.path("lower").asDouble());
            assertThat(Double.parseDouble(e.getDomAttribute("data-upper"))).isEqualTo(est.path("upper").asDouble());
            assertThat(Double.parseDouble(browser.find(chart + "g[data-window='" + end(i) + "'] rect[data-coverage]")
                    .getDomAttribute("data-coverage"))).isEqualTo(new double[] {1.0, 0.5, 0.0}[i]);
        }
        assertThat(browser.findAll(chart + "polygon.perf-band")).as("one band over consecutive estimates").hasSize(1);
        assertThat(num(browser.find("[data-perf=estimated]"))).isEqualTo(values("result.estimated_accuracy").getLast());
        assertThat(num(browser.find("[data-perf=realized]"))).isEqualTo(values("result.accuracy").getLast());
        assertThat(num(browser.find("[data-perf=coverage]"))).as("the newest window has no labels").isEqualTo(0.0);
        browser.screenshot("endpoint-performance");
        Path docs = Path.of("../docs/screenshots");
        if (Files.isDirectory(docs)) {
            Files.copy(Path.of("target/screenshots/endpoint-performance.png"), docs.resolve("endpoint-performance.png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(4)
    void windowsTableShowsCoverageAndTheDegradedWindowOutsideTheBand() {
        browser.open(base + fx.uidB + "/performance");
        JsonNode api = performance();
        assertThat(browser.findAll("[data-testid=perf-windows] tbody tr")).hasSize(api.path("windows").size());
        WebElement degraded = browser.find("[data-testid=perf-windows] tr[data-window='" + end(1) + "']");
        assertThat(num(degraded.findElement(org.openqa.selenium.By.cssSelector("[data-col=coverage]")))).isEqualTo(0.5);
        assertThat(degraded.findElement(org.openqa.selenium.By.cssSelector("[data-col=within]")).getText()).isEqualTo("no");
        assertThat(degraded.findElement(org.openqa.selenium.By.cssSelector("[data-col=status] .status")).getDomAttribute("data-status"))
                .isEqualTo("2");
        WebElement first = browser.find("[data-testid=perf-windows] tr[data-window='" + end(0) + "']");
        assertThat(first.findElement(org.openqa.selenium.By.cssSelector("[data-col=within]")).getText()).isEqualTo("yes");
    }

    @Test
    @Order(5)
    void confusionMatrixOfTheChosenWindowMatchesTheArtifact() {
        browser.open(base + fx.uidB + "/performance");
        JsonNode api = performance();
        JsonNode newest = api.path("windows").get(api.path("windows").size() - 1);
        // default: the newest window with a matrix (window 3, or the live window once closed): no labels, expected only
        assertThat(browser.find("[data-testid=matrix-window-end]").getDomAttribute("data-value")).isEqualTo(newest.path("window_end").asText());
        assertThat(browser.findAll("[data-testid=matrix-realized]")).isEmpty();
        double expected = browser.findAll("[data-testid=matrix-expected] td[data-true]").stream().mapToDouble(WebUiPerformanceIT::num).sum();
        assertThat(expected).as("the expected matrix spreads every row").isCloseTo(newest.path("rows").asDouble(), within(1e-6));
        String end = end(0);
        new Select(browser.find("[data-testid=matrix-window]")).selectByValue(end);
        until(() -> browser.driver.getCurrentUrl().contains("window=") && !browser.findAll("[data-testid=matrix-realized]").isEmpty());
        JsonNode artifact = fx.get("/projects/iris/model-endpoints/" + fx.uidB + "/artifacts/model-performance/confusion_matrix?window_end=" + end);
        JsonNode m = artifact.path("realized").path("matrix");
        List<WebElement> cells = browser.findAll("[data-testid=matrix-realized] td[data-true]");
        assertThat(cells).hasSize(9);
        double diagonal = 0;
        for (WebElement c : cells) {
            int t = Integer.parseInt(c.getDomAttribute("data-true"));
            int p = Integer.parseInt(c.getDomAttribute("data-pred"));
            assertThat(num(c)).as("cell true %d predicted %d", t, p).isEqualTo(m.get(t).get(p).asDouble());
            diagonal += t == p ? num(c) : 0;
        }
        assertThat(diagonal / 150).as("the diagonal is the accuracy").isCloseTo(values("result.accuracy").getFirst(), within(1e-9));
        browser.screenshot("endpoint-performance-matrix");
    }

    @Test
    @Order(6)
    void theRangeIsInTheUrlAndEmptyAndErrorStatesSayWhy() {
        browser.open(base + fx.uidB + "/performance");
        new Select(browser.find("[data-testid=range]")).selectByValue("1h");
        until(() -> browser.driver.getCurrentUrl().contains("range=1h"));
        browser.waitReady(1);
        // the fixture's windows are 2-3 hours old: in the last hour at most the live event's window
        int recent = fx.get("/projects/iris/ui/endpoints/" + fx.uidB + "/performance?start=now-1h").path("windows").size();
        if (recent == 0) {
            WebElement empty = browser.await("[data-testid=perf-empty]");
            assertThat(empty.getDomAttribute("data-reason")).isEqualTo("no-windows");
            assertThat(empty.getText()).contains("No window analysed by model-performance").contains("pick a longer range");
        } else {
            assertThat(browser.findAll("[data-testid=perf-windows] tbody tr")).hasSize(recent);
        }
        browser.driver.navigate().back();
        browser.waitReady(1);
        browser.await("[data-testid=perf-charts]");

        browser.open(base + fx.uidA + "/performance");
        WebElement noLabels = browser.await("[data-testid=perf-empty]");
        assertThat(noLabels.getDomAttribute("data-reason")).isEqualTo("no-labels");
        assertThat(noLabels.getText()).contains("none with labels or an estimate yet").contains("/labels");

        browser.open(base + fx.uidB + "/performance?window=2020-01-01T00:00:00Z");
        assertThat(browser.await("[data-testid=perf-error]").getText()).contains("has no confusion matrix for the window");
        assertThat(browser.consoleErrors()).as("only the refused request is logged").singleElement().asString()
                .contains("window=2020-01-01").contains("404");
    }
}
