package io.driftwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Every page of the web UI in headless Chromium against a server filled through the pipeline ({@link UiFixture}):
 * the values on the page are checked against the REST API, no console errors, one screenshot per page in
 * {@code target/screenshots/}. The browser runs in Asia/Tokyo so displayed times prove the browser's zone is used.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {
    private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US).withZone(ZONE);
    @TempDir
    static Path dir;
    private static UiSession ui;
    private static UiFixture fx;
    private static Browser browser;
    private static String ep;

    @BeforeAll
    static void start() throws Exception {
        ui = UiSession.open(dir, ZONE.getId());
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

    private static double num(WebElement e) {
        return Double.parseDouble(e.getDomAttribute("data-value"));
    }

    private static String text(WebElement e) {
        return e.getText().replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    private static JsonNode api(String path) {
        return fx.get(path);
    }

    @Test
    @Order(1)
    void projectPickerAndProjectsPage() {
        browser.open(fx.url() + "/");
        List<String> options = new Select(browser.find("#project-picker")).getOptions().stream().map(WebElement::getText).toList();
        assertThat(options).contains("iris", "empty-project");
        JsonNode projects = api("/projects");
        assertThat(browser.findAll("[data-testid=projects] tbody tr")).hasSize(projects.size());
        assertThat(browser.find("tr[data-project=iris] [data-col=endpoints]").getText())
                .isEqualTo(Integer.toString(api("/projects/iris/model-endpoints").size()));
        assertThat(browser.find("tr[data-project=iris] [data-col=monitoring]").getText()).isEqualTo("enabled");
        browser.screenshot("projects");
        new Select(browser.find("#project-picker")).selectByValue("iris");
        browser.waitReady(1);
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/projects/iris/endpoints");
    }

    @Test
    @Order(2)
    void endpointsListShowsEveryEndpointSortsAndFilters() {
        browser.open(ep + "/endpoints");
        JsonNode records = api("/projects/iris/model-endpoints");
        assertThat(browser.findAll("[data-testid=endpoints] tbody tr[data-uid]")).hasSize(records.size());
        for (JsonNode r : records) {
            String uid = r.path("metadata").path("uid").asText();
            WebElement row = browser.find("tr[data-uid='" + uid + "']");
            assertThat(row.findElement(By.cssSelector("[data-col=name]")).getText()).isEqualTo(r.path("spec").path("model").asText());
            assertThat(row.findElement(By.cssSelector("[data-col=function_uri]")).getText()).isEqualTo(r.path("spec").path("function_uri").asText());
            assertThat(row.findElement(By.cssSelector("[data-col=error_count]")).getText())
                    .isEqualTo(Long.toString(r.path("status").path("error_count").asLong()));
            assertThat(row.findElement(By.cssSelector("[data-col=drift_status]")).getDomAttribute("data-value"))
                    .isEqualTo(r.path("status").path("drift_status").asText());
            assertThat(text(row.findElement(By.cssSelector("[data-col=last_request]"))))
                    .isEqualTo(SHOWN.format(Instant.parse(r.path("status").path("last_request").asText())));
            assertThat(row.findElement(By.cssSelector("[data-col=labels]")).getText())
                    .contains("env=" + r.path("metadata").path("labels").path("env").asText());
            // model-performance's newest realized accuracy (labelled canary), else "—" saying why (serving: no labels)
            JsonNode acc = api("/projects/iris/model-endpoints/" + uid + "/metrics-values?name=iris.model-performance.result.accuracy")
                    .path(0).path("values");
            WebElement cell = row.findElement(By.cssSelector("[data-col=accuracy]"));
            if (acc.isEmpty()) {
                assertThat(cell.getText()).isEqualTo("—");
                assertThat(cell.getDomAttribute("title")).startsWith("no labels yet");
            } else {
                assertThat(num(cell)).isEqualTo(acc.get(acc.size() - 1).get(1).asDouble());
            }
        }
        assertThat(browser.find("tr[data-uid='" + fx.uidA + "'] .dot").getDomAttribute("class")).contains("s1");
        assertThat(browser.find("tr[data-uid='" + fx.uidB + "'] .dot").getDomAttribute("class")).contains("s0");
        browser.screenshot("endpoints");

        browser.find("th[data-sort=error_count]").click();
        browser.find("th[data-sort=error_count]").click();
        assertThat(browser.findAll("tbody tr[data-uid]").getFirst().getDomAttribute("data-uid")).isEqualTo(fx.uidA);
        browser.find("th[data-sort=error_count]").click();
        assertThat(browser.findAll("tbody tr[data-uid]").getFirst().getDomAttribute("data-uid")).isEqualTo(fx.uidB);
        browser.find("[data-testid=filter]").sendKeys("env=canary");
        assertThat(browser.findAll("tbody tr[data-uid]")).extracting(e -> e.getDomAttribute("data-uid")).containsExactly(fx.uidB);
        browser.find("[data-testid=filter]").clear();
        browser.driver.executeScript("const f = document.querySelector('[data-testid=filter]'); f.value = ''; f.dispatchEvent(new Event('input'));");
        new Select(browser.find("[data-testid=drift-filter]")).selectByValue("1");
        assertThat(browser.findAll("tbody tr[data-uid]")).extracting(e -> e.getDomAttribute("data-uid")).containsExactly(fx.uidA);
    }

    @Test
    @Order(3)
    void endpointOverviewShowsTheRecordAndLiveMetrics() {
        browser.open(ep + "/endpoints/" + fx.uidA + "/overview");
        JsonNode r = api("/projects/iris/model-endpoints/" + fx.uidA);
        assertThat(browser.find("[data-field=uid]").getText()).isEqualTo(fx.uidA);
        assertThat(browser.find("[data-field=model_class]").getText()).isEqualTo("SKLearnModel");
        assertThat(browser.find("[data-field=function_uri]").getText()).isEqualTo("iris/serving");
        assertThat(browser.find("[data-field=error_count]").getText()).isEqualTo("2");
        assertThat(text(browser.find("[data-field=last_request]")))
                .isEqualTo(SHOWN.format(Instant.parse(r.path("status").path("last_request").asText())));
        for (String m : List.of("predictions_per_second", "latency_avg_5m", "latency_avg_1h", "predictions_count_5m", "predictions_count_1h")) {
            assertThat(num(browser.find("[data-metric=" + m + "]"))).as(m)
                    .isEqualTo(r.path("status").path("metrics").path("generic").path(m).asDouble());
        }
        assertThat(browser.find("[data-testid=record]").getText()).contains("uid: " + fx.uidA).contains("feature_stats:");
        JsonNode acts = api("/projects/iris/alert-activations?endpoint=" + fx.uidA);
        assertThat(acts.size()).isPositive();
        WebElement badge = browser.find("[data-testid=alert-badge] a");
        assertThat(badge.getDomAttribute("data-count")).isEqualTo(Integer.toString(acts.size()));
        long active = 0;
        for (JsonNode a : acts) {
            active += a.path("state").asText().equals("active") ? 1 : 0;
        }
        assertThat(badge.getDomAttribute("data-active")).isEqualTo(Long.toString(active));
        browser.screenshot("endpoint-overview");
        new Select(browser.find("[data-testid=record-format]")).selectByValue("json");
        JsonNode shown = parse(browser.find("[data-testid=record]").getText());
        assertThat(shown.path("metadata")).isEqualTo(r.path("metadata"));
        assertThat(shown.path("spec")).isEqualTo(r.path("spec"));
        assertThat(shown.path("status").path("drift_measures").path("tvd_mean").asDouble())
                .isEqualTo(r.path("status").path("drift_measures").path("tvd_mean").asDouble());
    }

    @Test
    @Order(4)
    void driftAnalysisShowsSumsAndMeans() {
        browser.open(ep + "/endpoints/" + fx.uidA + "/drift");
        JsonNode dm = api("/projects/iris/model-endpoints/" + fx.uidA).path("status").path("drift_measures");
        for (String m : List.of("tvd", "hellinger", "kld")) {
            double sum = 0;
            for (var e : dm.properties()) {
                sum += e.getValue().isObject() ? e.getValue().path(m).asDouble() : 0;
            }
            assertThat(num(browser.find("tr[data-measure=" + m + "] [data-col=mean]"))).isEqualTo(dm.path(m + "_mean").asDouble());
            assertThat(num(browser.find("tr[data-measure=" + m + "] [data-col=sum]"))).isCloseTo(sum, within(1e-12));
            assertThat(sum).isPositive();
        }
        assertThat(browser.find("[data-testid=drift-status]").getDomAttribute("data-value")).isEqualTo("1");
        assertThat(browser.find("[data-testid=drift-status]").getText()).isEqualTo("possible drift");
        browser.screenshot("endpoint-drift");
    }

    @Test
    @Order(5)
    void featuresAnalysisComparesExpectedAndActual() {
        browser.open(ep + "/endpoints/" + fx.uidA + "/features");
        JsonNode r = api("/projects/iris/model-endpoints/" + fx.uidA + "?feature_analysis=true");
        JsonNode features = r.path("features");
        assertThat(browser.findAll("[data-testid=features-table] tbody tr")).hasSize(features.size()).hasSize(4);
        for (JsonNode f : features) {
            String row = "tr[data-feature=" + f.path("name").asText() + "] ";
            for (String side : List.of("expected", "actual")) {
                for (String s : List.of("mean", "min", "max")) {
                    assertThat(num(browser.find(row + "[data-col=" + side + "_" + s + "]"))).as(side + " " + s).isEqualTo(f.path(side).path(s).asDouble());
                }
            }
            for (String m : List.of("tvd", "hellinger", "kld")) {
                assertThat(num(browser.find(row + "[data-col=" + m + "]"))).isEqualTo(f.path(m).asDouble());
            }
            assertThat(num(browser.find(row + "[data-col=expected_std]")))
                    .isEqualTo(r.path("status").path("feature_stats").path(f.path("name").asText()).path("std").asDouble());
            assertThat(num(browser.find(row + "[data-col=actual_std]")))
                    .isEqualTo(r.path("status").path("current_stats").path(f.path("name").asText()).path("std").asDouble());
            WebElement chart = browser.find("[data-hist=" + f.path("name").asText() + "] svg");
            assertThat(chart.findElements(By.cssSelector("rect.exp"))).hasSize(22);
            assertThat(chart.findElements(By.cssSelector("rect.act"))).hasSize(22);
        }
        browser.screenshot("endpoint-features");
    }

    @Test
    @Order(5)
    void histogramBarsShowTheirRangeAndSharesOnHover() {
        browser.open(ep + "/endpoints/" + fx.uidA + "/features");
        JsonNode f = api("/projects/iris/model-endpoints/" + fx.uidA + "?feature_analysis=true").path("features").get(0);
        JsonNode edges = f.path("actual").path("histogram").path("buckets");
        double[] expected = HoverText.shares(f.path("expected").path("histogram").path("counts"), edges.size() - 1);
        double[] actual = HoverText.shares(f.path("actual").path("histogram").path("counts"), edges.size() - 1);
        List<WebElement> bins = browser.findAll("[data-hist=" + f.path("name").asText() + "] svg rect.hit");
        assertThat(bins).hasSize(22).hasSize(edges.size() - 1);
        for (int i = 0; i < bins.size(); i++) {
            checkBin(bins.get(i), i, bins.size(), edges, expected, actual);
        }
        assertThat(bins.get(1).findElement(By.tagName("title")).getDomProperty("textContent"))
                .startsWith(HoverText.shown(edges.get(1).asDouble()) + " – " + HoverText.shown(edges.get(2).asDouble()) + ": ");
        int busiest = 0;
        for (int i = 1; i < actual.length; i++) {
            busiest = actual[i] > actual[busiest] ? i : busiest;
        }
        WebElement bin = bins.get(busiest);
        new Actions(browser.driver).moveToElement(bin).perform();
        Object hovered = browser.driver.executeScript("const h = document.querySelectorAll('rect.hit:hover');"
                + " return h.length === 1 ? h[0].getAttribute('data-bin') + ' ' + getComputedStyle(h[0]).fillOpacity : null;");
        assertThat(hovered).as("the pointer is on the bin's hover target, which is highlighted").isEqualTo(busiest + " 0.08");
        browser.screenshot("endpoint-features-hover");
    }

    private static void checkBin(WebElement bin, int i, int n, JsonNode edges, double[] expected, double[] actual) {
        assertThat(Double.parseDouble(bin.getDomAttribute("data-lo"))).isEqualTo(edges.get(i).asDouble());
        assertThat(Double.parseDouble(bin.getDomAttribute("data-hi"))).isEqualTo(edges.get(i + 1).asDouble());
        assertThat(Double.parseDouble(bin.getDomAttribute("data-expected"))).isCloseTo(expected[i], within(1e-12));
        assertThat(Double.parseDouble(bin.getDomAttribute("data-actual"))).isCloseTo(actual[i], within(1e-12));
        String title = bin.findElement(By.tagName("title")).getDomProperty("textContent");
        assertThat(title).as("bin " + i).endsWith(": expected " + HoverText.percent(expected[i]) + ", actual " + HoverText.percent(actual[i]));
        String range = i == 0 ? "< " : i == n - 1 ? "≥ " : " – ";
        assertThat(title).as("bin " + i + " range").contains(range);
    }

    @Test
    @Order(6)
    void metricsTabDrawsTimelinesWithThresholdsAndHistograms() {
        browser.open(ep + "/endpoints/" + fx.uidA + "/metrics");
        String gd = "iris.histogram-data-drift.result.general_drift";
        JsonNode values = api("/projects/iris/model-endpoints/" + fx.uidA + "/metrics-values?name=" + gd).get(0).path("values");
        WebElement card = browser.find("[data-series='" + gd + "']");
        assertThat(card.getDomAttribute("data-points")).isEqualTo(Integer.toString(values.size()));
        assertThat(values.size()).isEqualTo(6);
        assertThat(card.findElements(By.cssSelector("[data-testid=timeline] circle"))).hasSize(values.size());
        assertThat(card.findElements(By.cssSelector("[data-testid=timeline] line[data-threshold]")))
                .extracting(e -> e.getDomAttribute("data-threshold")).containsExactly("0.5", "0.7");
        assertThat(num(card.findElement(By.cssSelector("[data-testid=latest]")))).isEqualTo(values.get(values.size() - 1).get(1).asDouble());
        int counted = card.findElements(By.cssSelector("[data-testid=values-histogram] rect")).stream()
                .mapToInt(e -> Integer.parseInt(e.getDomAttribute("data-count"))).sum();
        assertThat(counted).isEqualTo(values.size());
        String rows = "iris.rule-accuracy.metric.rows";
        browser.find("input[data-name='" + rows + "']").click();
        browser.waitReady(2);
        assertThat(browser.find("[data-series='" + rows + "']").getDomAttribute("data-points")).isEqualTo("6");
        browser.screenshot("endpoint-metrics");
    }

    @Test
    @Order(7)
    void projectOverviewMatchesTheApi() {
        browser.open(ep + "/overview");
        JsonNode o = api("/projects/iris/ui/overview?start=now-24h");
        JsonNode records = api("/projects/iris/model-endpoints");
        assertThat(num(browser.find("[data-stat=endpoints]"))).isEqualTo(records.size());
        long errors = 0;
        double pps = 0;
        for (JsonNode r : records) {
            errors += r.path("status").path("error_count").asLong();
            pps += r.path("status").path("metrics").path("generic").path("predictions_per_second").asDouble();
        }
        assertThat(num(browser.find("[data-stat=total_errors]"))).isEqualTo(errors).isEqualTo(2);
        assertThat(num(browser.find("[data-stat=predictions_per_second]"))).isCloseTo(pps, within(1e-12));
        assertThat(num(browser.find("[data-stat=latency_avg_1h]"))).isEqualTo(o.path("latency_avg_1h").asDouble() / 1000);
        double rowsShown = browser.findAll("[data-testid=heat-pps] rect[data-value]").stream().mapToDouble(e -> num(e) * 900).sum();
        assertThat(rowsShown).isCloseTo(6 * 150 + 3 * 150 + 2, within(1e-6));
        double errorsShown = browser.findAll("[data-testid=heat-errors] rect[data-value]").stream().mapToDouble(WebUiIT::num).sum();
        assertThat(errorsShown).isEqualTo(2);
        assertThat(browser.findAll("[data-testid=heat-latency] rect[data-value]")).isNotEmpty();
        browser.screenshot("project-overview");
    }

    @Test
    @Order(8)
    void applicationsViewSummarisesResults() {
        browser.open(ep + "/applications");
        JsonNode all = api("/projects/iris/ui/app-results?start=now-24h");
        int[] counts = new int[3];
        List<JsonNode> rows = new ArrayList<>();
        all.forEach(rows::add);
        rows.forEach(r -> counts[r.path("status").asInt()]++);
        for (int s = 0; s < 3; s++) {
            assertThat(browser.find("[data-testid=status-shares] [data-status='" + s + "']").getDomAttribute("data-count"))
                    .isEqualTo(Integer.toString(counts[s]));
        }
        assertThat(counts[1]).isPositive();
        assertThat(counts[2]).isPositive();
        double avg = rows.stream().filter(r -> r.path("kind").asInt() <= 1).mapToDouble(r -> r.path("value").asDouble()).average().orElseThrow();
        assertThat(num(browser.find("[data-stat=average]"))).isCloseTo(avg, within(1e-12));
        assertThat(num(browser.find("[data-stat=latest]"))).isEqualTo(rows.getLast().path("value").asDouble());
        assertThat(browser.findAll("[data-testid=summary] tbody tr")).hasSize(rows.size());
        // one row per endpoint and app result (2 endpoints x general_drift, accuracy; model-performance's results)
        assertThat(browser.findAll("[data-testid=history] tr")).hasSize((int) rows.stream()
                .map(r -> r.path("endpoint_id").asText() + " " + r.path("full_name").asText()).distinct().count());
        browser.screenshot("applications");
        new Select(browser.find("[data-testid=endpoint]")).selectByValue(fx.uidB);
        browser.waitReady(2);
        assertThat(browser.findAll("[data-testid=summary] tbody tr")).hasSize((int) rows.stream()
                .filter(r -> r.path("endpoint_id").asText().equals(fx.uidB)).count());
    }

    @Test
    @Order(9)
    void darkThemeFollowsTheSystem() {
        browser.setDarkTheme(true);
        try {
            browser.open(ep + "/overview");
            Object bg = browser.driver.executeScript("return getComputedStyle(document.body).backgroundColor");
            assertThat(bg).isEqualTo("rgb(20, 23, 28)");
            browser.screenshot("project-overview-dark");
            browser.open(ep + "/endpoints/" + fx.uidA + "/features");
            browser.screenshot("endpoint-features-dark");
        } finally {
            browser.setDarkTheme(false);
        }
        browser.open(ep + "/overview");
        assertThat(browser.driver.executeScript("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(255, 255, 255)");
    }

    @Test
    @Order(10)
    void alertsPageListsAlertsAndActivations() {
        browser.open(ep + "/alerts");
        JsonNode alerts = api("/projects/iris/alerts");
        assertThat(browser.findAll("[data-testid=alerts] tbody tr[data-alert]")).hasSize(alerts.size()).hasSize(2);
        int total = 0;
        for (JsonNode a : alerts) {
            String name = a.path("name").asText();
            int n = api("/projects/iris/alerts/" + name + "/activations").size();
            total += n;
            WebElement row = browser.find("tr[data-alert=" + name + "]");
            assertThat(row.findElement(By.cssSelector("[data-col=activations]")).getText()).isEqualTo(Integer.toString(n));
            assertThat(row.findElement(By.cssSelector("[data-col=state]")).getText()).isEqualTo(a.path("state").asText());
        }
        assertThat(api("/projects/iris/alerts/drift-detected/activations").size()).isPositive();
        assertThat(browser.findAll("[data-testid=activations] tbody tr[data-activation]")).hasSize(Math.min(200, total));
        browser.screenshot("alerts");
    }

    @Test
    @Order(11)
    void pagesRefreshOnTheirOwn() {
        browser.open(ep + "/endpoints");
        String cell = "tr[data-uid='" + fx.uidB + "'] [data-col=error_count]";
        assertThat(browser.find(cell).getText()).isEqualTo("0");
        var e = JsonNodeFactory.instance.objectNode().put("model", UiFixture.MODEL)
                .put("version", "v2").put("function_uri", "iris/serving-canary").put("when", Instant.now().toString())
                .put("error", "late failure");
        e.putObject("request").put("id", "late").putArray("inputs").addArray().add(1.0).add(1.0).add(1.0).add(1.0);
        fx.client.ingest(UiFixture.P, List.of(e));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> api("/projects/iris/model-endpoints/" + fx.uidB).path("status").path("error_count").asInt() == 1);
        browser.waitReady(3);
        assertThat(browser.find(cell).getText()).isEqualTo("1");
        assertThat(browser.driver.getCurrentUrl()).endsWith("#/projects/iris/endpoints");
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("the page's JSON does not parse: " + e.getMessage(), e);
        }
    }
}
