package io.driftwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * Issue 19 in headless Chromium against the {@link UiFixture} server: the endpoint's window history, opening a past
 * (drifted) window in the Drift and Features tabs, the operations figures, managing an alert (create, edit, reset,
 * delete) and state in the URL (a shared link restores the view, the back button returns to the previous one).
 * Values on the page are checked against the REST API; screenshots in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiWindowsIT {
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

    private static double num(WebElement e) {
        return Double.parseDouble(e.getDomAttribute("data-value"));
    }

    private static void until(java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.get());
    }

    private static String hash() {
        return (String) browser.script("return location.hash");
    }

    private static JsonNode windows() {
        return fx.get("/projects/iris/ui/endpoints/" + fx.uidA + "/windows");
    }

    @Test
    @Order(1)
    void windowHistoryListsEveryWindowWithItsResultsAndDriftTable() {
        JsonNode w = windows();
        assertThat(w.path("windows").size()).isEqualTo(6);
        browser.open(ep + "/endpoints/" + fx.uidA + "/windows");
        List<WebElement> rows = browser.findAll("[data-testid=windows] tbody tr[data-window]");
        assertThat(rows).hasSize(6);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode x = w.path("windows").get(i);
            WebElement row = rows.get(i);
            assertThat(row.getDomAttribute("data-window")).isEqualTo(x.path("window_end").asText());
            assertThat(row.findElement(org.openqa.selenium.By.cssSelector("[data-col=rows]")).getText())
                    .isEqualTo(x.path("rows").isNull() ? "—" : x.path("rows").asText());
            assertThat(row.findElements(org.openqa.selenium.By.cssSelector("[data-result]"))).hasSize(x.path("results").size());
            assertThat(row.findElement(org.openqa.selenium.By.cssSelector("[data-col=status] [data-status]")).getDomAttribute("data-status"))
                    .isEqualTo(x.path("status").asText());
        }
        assertThat(w.path("windows").findValuesAsText("status")).contains("2");
        WebElement table = browser.find("[data-testid=windows] tr[data-window] a[data-artifact=drift_table_plot]");
        assertThat(status(table.getDomAttribute("href"))).isEqualTo(200);
        assertThat(browser.findAll("[data-testid=feature-heat] rect[data-value]")).isNotEmpty();
        assertThat(browser.find("[data-testid=windows] tbody").getText()).contains("drift detected").doesNotContain("potential");
        browser.screenshot("endpoint-windows");
    }

    @Test
    @Order(2)
    void aPastDriftedWindowOpensInTheDriftAndFeaturesTabsAndBackReturns() {
        JsonNode w = windows();
        JsonNode drifted = null;
        for (JsonNode x : w.path("windows")) {
            for (JsonNode r : x.path("results")) {
                if (r.path("application").asText().equals("histogram-data-drift") && r.path("status").asInt() == 2
                        && drifted == null) {
                    drifted = x;
                }
            }
        }
        assertThat(drifted).as("a window where histogram-data-drift detected drift: " + w).isNotNull();
        String end = drifted.path("window_end").asText();
        browser.open(ep + "/endpoints/" + fx.uidA + "/windows");
        browser.find("tr[data-window='" + end + "'] a[data-open=drift]").click();
        browser.await("[data-testid=tab-drift] [data-testid=drift-status]");
        assertThat(hash()).contains("/drift?window=");
        JsonNode at = fx.get("/projects/iris/ui/endpoints/" + fx.uidA + "/windows/" + end);
        until(() -> "2".equals(browser.find("[data-testid=drift-status]").getDomAttribute("data-value")));
        assertThat(browser.find("[data-testid=drift-status]").getText()).isEqualTo("drift detected");
        JsonNode dm = at.path("status").path("drift_measures");
        assertThat(num(browser.find("tr[data-measure=tvd] [data-col=mean]"))).isCloseTo(dm.path("tvd_mean").asDouble(), within(1e-12));
        JsonNode latest = fx.get("/projects/iris/model-endpoints/" + fx.uidA).path("status").path("drift_measures");
        assertThat(dm.path("tvd_mean").asDouble()).isNotEqualTo(latest.path("tvd_mean").asDouble());
        assertThat(browser.find("[data-testid=window-picker]").getDomProperty("value")).isEqualTo(end);
        browser.screenshot("endpoint-drift-window");
        browser.find("[data-tab=features]").click();
        browser.await("[data-testid=tab-features] [data-testid=features-table] tbody tr[data-feature]");
        assertThat(hash()).contains("/features?window=");
        JsonNode f = at.path("features").get(0);
        String cell = "tr[data-feature='" + f.path("name").asText() + "'] [data-col=actual_mean]";
        until(() -> !browser.findAll(cell).isEmpty());
        assertThat(num(browser.find(cell))).isEqualTo(f.path("actual").path("mean").asDouble());
        browser.driver.navigate().back();
        browser.await("[data-testid=tab-drift] [data-testid=drift-status]");
        browser.driver.navigate().back();
        browser.await("[data-testid=windows] tbody tr[data-window]");
        assertThat(hash()).endsWith("/windows");
    }

    @Test
    @Order(3)
    void operationsShowTheRangeFiguresWithAnAsOfTime() {
        browser.open(ep + "/endpoints/" + fx.uidA + "/operations?range=7d");
        JsonNode o = fx.get("/projects/iris/ui/endpoints/" + fx.uidA + "/operations?start=now-7d");
        assertThat(num(browser.find("[data-op=predictions]"))).isEqualTo(o.path("totals").path("predictions").asDouble());
        assertThat(num(browser.find("[data-op=errors]"))).isEqualTo(2);
        assertThat(num(browser.find("[data-op=latency_p99]"))).isEqualTo(o.path("totals").path("latency_p99").asDouble());
        assertThat(browser.find("[data-op=latency_p50]").getText()).endsWith(" ms");
        assertThat(browser.findAll("[data-testid=op-figures] [data-asof]")).hasSize(7);
        assertThat(browser.findAll("[data-testid=op-latency] polyline[data-series]")).isNotEmpty();
        assertThat(new Select(browser.find("[data-testid=range]")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("7d");
        browser.screenshot("endpoint-operations");
    }

    @Test
    @Order(4)
    void anAlertIsCreatedEditedResetAndDeletedInTheUi() {
        browser.open(ep + "/alerts");
        browser.find("[data-testid=new-alert]").click();
        browser.await("[data-testid=alert-editor]");
        until(() -> !browser.find("[data-testid=alert-config]").getDomProperty("value").isEmpty());
        browser.find("[data-testid=alert-name]").sendKeys("made-in-ui");
        browser.find("[data-testid=alert-save]").click();
        browser.await("tr[data-alert=made-in-ui]");
        JsonNode made = fx.get("/projects/iris/alerts/made-in-ui");
        assertThat(made.path("name").asText()).isEqualTo("made-in-ui");
        browser.find("tr[data-alert=made-in-ui] [data-action=edit]").click();
        WebElement text = browser.await("[data-testid=alert-editor] textarea");
        until(() -> text.getDomProperty("value").contains("\"severity\""));
        String edited = text.getDomProperty("value").replaceFirst("\"severity\": \"[a-z]+\"", "\"severity\": \"low\"");
        browser.script("const t = document.querySelector('[data-testid=alert-config]'); t.value = arguments[0];".replace("arguments[0]",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(edited).toString()));
        browser.find("[data-testid=alert-save]").click();
        until(() -> browser.findAll("[data-testid=alert-editor]").isEmpty());
        assertThat(fx.get("/projects/iris/alerts/made-in-ui").path("severity").asText()).isEqualTo("low");
        until(() -> browser.find("tr[data-alert=made-in-ui] [data-col=severity]").getText().equals("low"));
        browser.find("tr[data-alert=drift-detected] [data-action=reset]").click();
        until(() -> "inactive".equals(fx.get("/projects/iris/alerts/drift-detected").path("state").asText()));
        until(() -> browser.find("tr[data-alert=drift-detected] [data-col=state]").getText().equals("inactive"));
        assertThat(browser.findAll("[data-testid=activations] [data-delivery]")).isNotEmpty();
        browser.screenshot("alerts-managed");
        browser.find("tr[data-alert=made-in-ui] [data-action=delete]").click();
        browser.find("tr[data-alert=made-in-ui] [data-action=delete]").click();
        until(() -> browser.findAll("tr[data-alert=made-in-ui]").isEmpty());
        assertThat(status(fx.url() + "/api/v1/projects/iris/alerts/made-in-ui")).isEqualTo(404);
    }

    @Test
    @Order(5)
    void aSharedLinkRestoresTheFiltersAndTheBackButtonTheEarlierView() {
        browser.open(ep + "/endpoints?drift=1&sort=error_count&dir=desc");
        assertThat(browser.findAll("tbody tr[data-uid]")).extracting(e -> e.getDomAttribute("data-uid")).containsExactly(fx.uidA);
        assertThat(new Select(browser.find("[data-testid=drift-filter]")).getFirstSelectedOption().getText()).isEqualTo("possible drift");
        new Select(browser.find("[data-testid=drift-filter]")).selectByValue("");
        until(() -> browser.findAll("tbody tr[data-uid]").size() == 2);
        assertThat(hash()).doesNotContain("drift=1").contains("sort=error_count");
        browser.driver.navigate().back();
        until(() -> hash().contains("drift=1") && browser.findAll("tbody tr[data-uid]").size() == 1);
        assertThat(browser.find("table[data-testid=endpoints]").getText()).doesNotContain("/models/");
    }

    @Test
    @Order(6)
    void emptyAndErrorStatesSayWhy() {
        var body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.putObject("metadata").put("project", UiFixture.P);
        body.putObject("spec").put("model", "no-reference-model").put("function_uri", UiFixture.P + "/bare");
        String uid = fx.client.post("/projects/" + UiFixture.P + "/model-endpoints", body).path("metadata").path("uid").asText();
        assertThat(fx.get("/projects/iris/model-endpoints/" + uid).path("status").path("feature_stats").size()).isZero();
        browser.open(ep + "/endpoints/" + uid + "/drift");
        assertThat(browser.find("[data-testid=no-reference]").getText()).startsWith("No training set logged: drift cannot be computed");
        browser.open(ep + "/endpoints/" + uid + "/windows");
        assertThat(browser.find("[data-testid=no-windows]").getText()).startsWith("No training set logged");
        browser.open(ep + "/endpoints/" + uid + "/operations?range=1h");
        assertThat(browser.find("[data-testid=no-traffic]").getText()).startsWith("No predictions between");
        browser.visit(ep + "/endpoints/no-such-endpoint/overview");
        WebElement err = browser.await("main > .err");
        assertThat(err.getText()).startsWith("Could not load:").contains("no-such-endpoint");
        browser.screenshot("endpoint-error-state");
        browser.consoleErrors();
    }

    @Test
    @Order(7)
    void theRefreshKeepsTheScrollPositionAndNothingOverflows1280Pixels() {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 700));
        try {
            browser.open(ep + "/endpoints/" + fx.uidA + "/windows");
            browser.script("window.scrollTo(0, 250)");
            long ready = Long.parseLong(browser.find("body").getDomAttribute("data-ready"));
            browser.waitReady((int) ready + 1);
            assertThat(((Number) browser.script("return window.scrollY")).longValue()).isEqualTo(250);
            for (String page : List.of("/endpoints", "/endpoints/" + fx.uidA + "/windows", "/alerts", "/applications",
                    "/endpoints/" + fx.uidA + "/features")) {
                browser.open(ep + page);
                long overflow = ((Number) browser.script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
                assertThat(overflow).as(page + " wider than the window").isLessThanOrEqualTo(0);
            }
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        }
    }

    private static int activations(String alert) {
        return fx.get("/projects/iris/alerts/" + alert + "/activations").size();
    }

    private void performanceEvent() {
        var body = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.putObject("entity").put("kind", "model-endpoint-result").put("project", UiFixture.P).putArray("ids")
                .add(fx.uidA + ".rule-accuracy.result.accuracy");
        body.putObject("value_dict").put("model_endpoint_id", fx.uidA).put("result_value", 0.5);
        fx.client.post("/projects/" + UiFixture.P + "/events/model-performance-suspected", body);
    }

    @Test
    @Order(8)
    void anAlertIsDisabledAndEnabledInTheUiAndFiresOnlyWhileEnabled() {
        browser.open(ep + "/alerts");
        String row = "tr[data-alert=accuracy-suspected] ";
        assertThat(browser.find(row + "[data-col=enabled]").getDomAttribute("data-value")).isEqualTo("true");
        browser.find(row + "[data-action=disable]").click();
        until(() -> !fx.get("/projects/iris/alerts/accuracy-suspected").path("enabled").asBoolean(true));
        int before = activations("accuracy-suspected");
        until(() -> "false".equals(browser.find(row + "[data-col=enabled]").getDomAttribute("data-value")));
        assertThat(browser.find(row + "[data-col=enabled]").getText()).isEqualTo("disabled");
        performanceEvent();
        assertThat(activations("accuracy-suspected")).as("a disabled alert does not fire").isEqualTo(before);
        browser.screenshot("alerts-disabled");
        browser.find(row + "[data-action=enable]").click();
        until(() -> fx.get("/projects/iris/alerts/accuracy-suspected").path("enabled").asBoolean(false));
        until(() -> "true".equals(browser.find(row + "[data-col=enabled]").getDomAttribute("data-value")));
        performanceEvent();
        assertThat(activations("accuracy-suspected")).isGreaterThanOrEqualTo(before + 1);
    }

    private static void editAlert(String name, java.util.function.UnaryOperator<String> change) {
        browser.open(ep + "/alerts");
        browser.driver.navigate().refresh();   // the same URL: load the alerts created since
        browser.waitReady(1);
        browser.await("tr[data-alert=" + name + "] [data-action=edit]").click();
        WebElement text = browser.await("[data-testid=alert-editor] textarea");
        until(() -> text.getDomProperty("value").contains("\"severity\""));
        String edited = change.apply(text.getDomProperty("value"));
        browser.script("document.querySelector('[data-testid=alert-config]').value = "
                + com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(edited) + ";");
        browser.find("[data-testid=alert-save]").click();
    }

    @Test
    @Order(9)
    void editingAnAlertWithSecretsInTheUiKeepsThemAndAMovedUrlDoesNotTakeThem() {
        fx.put("/projects/iris/alerts/hooked", "{\"entities\": {\"kind\": \"model-endpoint-result\", \"ids\": [\"*\"]},"
                + " \"trigger\": {\"events\": [\"data-drift-detected\"]}, \"notifications\": [{\"kind\": \"webhook\","
                + " \"params\": {\"url\": \"https://hooks.invalid/path-s3cret\","
                + " \"headers\": {\"Authorization\": \"Bearer tok-ui\"}}}]}");
        java.util.function.Supplier<java.util.Map<String, Object>> stored = () -> fx.server.backend().alerts()
                .get("iris", "hooked").orElseThrow().notifications().get(0).params();
        editAlert("hooked", t -> {
            assertThat(t).doesNotContain("s3cret").doesNotContain("tok-ui").contains("***");
            return t.replaceFirst("\"severity\": \"[a-z]+\"", "\"severity\": \"low\"");
        });
        until(() -> browser.findAll("[data-testid=alert-editor]").isEmpty());
        assertThat(fx.get("/projects/iris/alerts/hooked").path("severity").asText()).isEqualTo("low");
        assertThat(stored.get()).containsEntry("url", "https://hooks.invalid/path-s3cret")
                .containsEntry("headers", java.util.Map.of("Authorization", "Bearer tok-ui"));

        editAlert("hooked", t -> t.replace("https://hooks.invalid/***", "https://elsewhere.invalid/steal"));
        WebElement msg = browser.await("[data-testid=alert-message].err");
        assertThat(msg.getText()).startsWith("Not saved:").contains("re-enter the secret");
        assertThat(stored.get()).containsEntry("url", "https://hooks.invalid/path-s3cret");
        browser.find("[data-testid=alert-cancel]").click();
        fx.client.delete("/projects/iris/alerts/hooked");
        browser.consoleErrors();
    }

    private static HttpResponse<String> fetch(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url
                    : fx.url() + url)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(10)
    void theEndpointPageLinksASelfContainedHtmlReportWithTheDriftedWindow() {
        browser.open(ep + "/endpoints/" + fx.uidA + "/overview");
        String href = browser.find("[data-testid=report-html]").getDomAttribute("href");
        assertThat(href).startsWith("/api/v1/projects/iris/model-endpoints/" + fx.uidA + "/report?").contains("format=html");
        assertThat(browser.find("[data-testid=report-json]").getDomAttribute("href")).contains("format=json");
        HttpResponse<String> r = fetch(href);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;").contains(".html");
        String html = r.body();
        assertThat(html).doesNotContainIgnoringCase("http:").doesNotContainIgnoringCase("https:")
                .doesNotContain("//").doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase(" src=")
                .doesNotContainIgnoringCase("href=").doesNotContainIgnoringCase("url(").doesNotContain("@import");
        JsonNode json = fx.get("/projects/iris/model-endpoints/" + fx.uidA + "/report?format=json&start=now-7d");
        assertThat(json.path("drifted_windows").size()).isPositive();
        for (JsonNode end : json.path("drifted_windows")) {
            assertThat(html).contains("data-window=\"" + end.asText() + "\"");
        }
        assertThat(html).contains("drift detected").contains("data-chart=\"feature-drift\"");
        for (JsonNode f : json.path("windows").path("features")) {
            assertThat(html).contains("data-feature=\"" + f.asText() + "\"");
        }
        assertThat(html.split("data-chart=\"histogram\"", -1).length - 1)
                .isEqualTo(json.path("worst_window").path("features").size()).isPositive();
        assertThat(html.split("<tr data-window=", -1).length - 1).isEqualTo(json.path("windows").path("windows").size());
        assertThat(html.split("<tr data-activation=", -1).length - 1)
                .isEqualTo(json.path("alerts").path("activations").size()).isPositive();
    }

    @Test
    @Order(11)
    void theJsonReportHoldsTheFiguresOfTheWindowsAndOperationsRoutes() {
        String start = fx.t0.minus(Duration.ofHours(1)).toString();
        String end = java.time.Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String range = "start=" + start + "&end=" + end;
        String base = "/projects/iris/model-endpoints/" + fx.uidA + "/report";
        JsonNode r = fx.get(base + "?format=json&" + range);
        assertThat(r.path("windows")).isEqualTo(fx.get("/projects/iris/ui/endpoints/" + fx.uidA + "/windows?" + range));
        com.fasterxml.jackson.databind.node.ObjectNode ops = fx.get("/projects/iris/ui/endpoints/" + fx.uidA + "/operations?" + range).deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode mine = r.path("operations").deepCopy();
        ops.remove("as_of");
        mine.remove("as_of");
        assertThat(mine).isEqualTo(ops);
        assertThat(mine.path("totals").path("errors").asInt()).isEqualTo(2);
        JsonNode worst = r.path("worst_window");
        assertThat(worst.path("status").asInt()).isEqualTo(2);
        JsonNode at = fx.get("/projects/iris/ui/endpoints/" + fx.uidA + "/windows/" + worst.path("window_end").asText());
        assertThat(worst.path("features")).isEqualTo(at.path("features"));
        assertThat(worst.path("features").get(0).path("actual").path("histogram").path("counts").size()).isPositive();
        assertThat(r.path("drifted_windows")).contains(worst.path("window_end"));
        for (JsonNode a : r.path("alerts").path("activations")) {
            assertThat(a.path("endpoints").toString()).contains(fx.uidA);
        }
        assertThat(r.path("alerts").path("activations").findValuesAsText("alert")).contains("drift-detected");
        assertThat(fetch(fx.url() + "/api/v1" + base + "?format=xml").statusCode()).isEqualTo(400);
        assertThat(fetch(fx.url() + "/api/v1/projects/iris/model-endpoints/nope/report").statusCode()).isEqualTo(404);
    }

    private static int status(String url) {
        try {
            String full = url.startsWith("http") ? url : fx.url() + url;
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(full)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
