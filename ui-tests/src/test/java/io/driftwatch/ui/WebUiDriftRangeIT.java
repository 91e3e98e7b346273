package io.driftwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 17 pt 3 in headless Chromium: a week of backdated predictions (iris rows for four days, then drifted rows)
 * goes through the real server path (batch upload → stream → processor → Parquet with summary sidecars); the
 * endpoint's "Drift over time" tab shows the week's drift per hour (chart and feature heat map) and the merged week's
 * per-feature table against the reference and the previous week, every figure equal to the REST API's for the range
 * the page shows; the day preset is kept in the URL and shows 24 hourly points.
 */
class WebUiDriftRangeIT {
    private static final String P = "weekly";
    @TempDir
    static Path dir;
    private static Server server;
    private static DriftwatchClient client;
    private static Browser browser;
    private static final String UID = EndpointId.of(P, P + "/nightly", "iris", null);

    @BeforeAll
    static void start() throws Exception {
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(500, Duration.ofMillis(200)));
        client = DriftwatchClient.connect("http://localhost:" + server.port());
        client.createProject(P);
        client.logModel(P, "iris", null, "sklearn", "label", null, UiFixture.csv());
        client.enableMonitoring(P, "10m", false);
        List<String> iris = Files.readAllLines(UiFixture.csv()).stream().skip(1).toList();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant first = end.minus(Duration.ofHours(7 * 24 - 1));
        List<String> csv = new ArrayList<>(List.of("timestamp,sepal_length,sepal_width,petal_length,petal_width,label"));
        int n = (7 * 24 - 1) * 10;
        for (int i = 0; i < n; i++) {
            String row = i < 4 * 24 * 10 ? iris.get(i % 150) : String.format(Locale.ROOT, "%.1f,%.1f,%.1f,0.5,1",
                    4.5 + (i % 7) * 0.5, 2.0 + (i % 3) * 0.2, 6.5 + (i % 4) * 0.3);
            csv.add(first.plus(Duration.ofMinutes(6L * i)) + "," + row);
        }
        Path file = dir.resolve("week.csv");
        Files.write(file, csv);
        client.uploadBatch(P, null, "nightly", "iris", file, null, null);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> client.drift(P, UID,
                first.toString(), end.plusSeconds(1).toString(), null).path("rows").asLong() == n);
        browser = new Browser(dir.resolve("chrome"), Path.of("target/screenshots"), "Europe/Berlin");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        assertThat(browser.consoleErrors()).as("console errors").isEmpty();
    }

    @Test
    void theWeekViewShowsTheApisDriftFigures() {
        String tab = "http://localhost:" + server.port() + "/#/projects/" + P + "/endpoints/" + UID + "/drift-range";
        browser.open(tab);
        WebElement span = browser.await("[data-testid=range-span][data-start]");
        String start = span.getDomAttribute("data-start");
        String end = span.getDomAttribute("data-end");
        assertThat(Duration.between(Instant.parse(start), Instant.parse(end))).isEqualTo(Duration.ofDays(7));
        JsonNode vsRef = client.drift(P, UID, start, end, "reference");
        JsonNode vsPrev = client.drift(P, UID, start, end, "previous");
        assertThat(vsRef.path("status").asText()).isEqualTo("no_detection");
        assertThat(vsPrev.path("status").asText()).as("the week before has no rows").isEqualTo("irrelevant");
        assertThat(vsRef.path("rows").asLong()).isEqualTo((7 * 24 - 1) * 10);
        assertFigure("range-vs-reference", vsRef);
        assertFigure("range-vs-previous", vsPrev);
        List<WebElement> rows = browser.findAll("[data-testid=range-features] tbody tr[data-feature]");
        assertThat(rows).hasSize(vsRef.path("features").size()).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode f : vsRef.path("features")) {
            String row = "[data-testid=range-features] tr[data-feature='" + f.path("name").asText() + "'] ";
            for (String m : List.of("tvd", "hellinger", "kld", "drift")) {
                assertThat(value(browser.find(row + "[data-col=ref_" + m + "]"))).as(f + " " + m)
                        .isEqualTo(f.path(m).asDouble());
            }
            JsonNode prev = find(vsPrev.path("features"), f.path("name").asText());
            assertThat(browser.find(row + "[data-col=prev_tvd]").getDomAttribute("data-value"))
                    .isEqualTo(prev.path("tvd").asText(""));
        }
        JsonNode series = client.driftSeries(P, UID, start, end, "hour", "reference");
        assertThat(series.path("points")).hasSize(7 * 24);
        assertThat(browser.find("[data-testid=range-charts]").getDomAttribute("data-points")).isEqualTo("168");
        List<Double> chart = browser.findAll("[data-testid=range-series] circle[data-value]").stream()
                .map(WebUiDriftRangeIT::value).toList();
        List<Double> api = new ArrayList<>();
        series.path("points").forEach(p -> {
            if (!p.path("general_drift").isNull()) {
                api.add(p.path("general_drift").asDouble());
            }
        });
        assertThat(chart).isEqualTo(api).hasSizeGreaterThan(100);
        assertThat(browser.findAll("[data-testid=range-heatmap] rect[data-value]")).isNotEmpty();
        browser.screenshot("endpoint-drift-range-week");

        new Select(browser.find("[data-testid=range-span-select]")).selectByValue("day");
        until(() -> "24".equals(browser.find("[data-testid=range-charts]").getDomAttribute("data-points")));
        assertThat((String) browser.script("return location.hash")).contains("span=day");
        WebElement daySpan = browser.await("[data-testid=range-span][data-start]");
        String dayStart = daySpan.getDomAttribute("data-start");
        String dayEnd = daySpan.getDomAttribute("data-end");
        assertThat(Duration.between(Instant.parse(dayStart), Instant.parse(dayEnd))).isEqualTo(Duration.ofDays(1));
        JsonNode dayVsPrev = client.drift(P, UID, dayStart, dayEnd, "previous");
        assertThat(dayVsPrev.path("general_drift").isNumber()).as(dayVsPrev.toString()).isTrue();
        assertFigure("range-vs-previous", dayVsPrev);
        assertFigure("range-vs-reference", client.drift(P, UID, dayStart, dayEnd, "reference"));
        assertThat(browser.find("[data-testid=range-vs-reference]").getDomAttribute("data-status")).isEqualTo("detected");
        browser.screenshot("endpoint-drift-range-day");
    }

    private static void assertFigure(String testid, JsonNode api) {
        WebElement e = browser.find("[data-testid=" + testid + "]");
        if (api.path("general_drift").isNull()) {
            assertThat(e.getDomAttribute("data-value")).as(testid).isEmpty();
        } else {
            assertThat(value(e)).as(testid).isEqualTo(api.path("general_drift").asDouble());
        }
        assertThat(e.getDomAttribute("data-status")).isEqualTo(api.path("status").asText());
    }

    private static JsonNode find(JsonNode features, String name) {
        for (JsonNode f : features) {
            if (f.path("name").asText().equals(name)) {
                return f;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance(); // not compared (e.g. no rows)
    }

    private static double value(WebElement e) {
        return Double.parseDouble(e.getDomAttribute("data-value"));
    }

    private static void until(java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.get());
    }
}
