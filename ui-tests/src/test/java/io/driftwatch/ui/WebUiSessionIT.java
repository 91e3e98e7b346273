package io.driftwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.SecuritySettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * Issue 18 pt 2 in headless Chromium: the UI logs in with a key into a server-side session whose HttpOnly,
 * SameSite=Strict cookie scripts cannot read and which does not hold the key; the UI's own changes carry the CSRF
 * token, a state-changing request from the page without it is 403 (without a Content-Type, 415); the logout button
 * ends the session on the server — a copy of the cookie is dead afterwards.
 */
class WebUiSessionIT {
    private static final String ADMIN = "ui-session-admin-key-0123456789";
    /** Runs {@code fetch(url, init)} in the page and answers its status. */
    private static final String FETCH = """
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], JSON.parse(arguments[1])).then(r => done(r.status), e => done('failed: ' + e));
            """;
    @TempDir
    Path dir;

    @Test
    void logInChangeWithTheTokenOnlyAndLogOut() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("admin.key"), ADMIN);
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withSecurity(SecuritySettings.defaults().withAuth(AuthMode.REQUIRED).withAdminKeyFile(keyFile)));
             Browser browser = new Browser(dir.resolve("chrome"), Path.of("target/screenshots"),
                     ZoneId.of("UTC").getId())) {
            String url = "http://localhost:" + server.port();
            DriftwatchClient admin = DriftwatchClient.connect(url, ADMIN);
            admin.createProject("mine");
            String key = admin.createAccessKey("mine", "editor").path("key").asText();

            browser.visit(url + "/");
            browser.await("#login #login-key").sendKeys(key);
            browser.find("#login button[type=submit]").click();
            await("logged in").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> browser.findAll("#project-picker option").stream().map(WebElement::getText)
                            .anyMatch("mine"::equals));
            WebElement logout = browser.await("#logout");
            assertThat(logout.getDomAttribute("title")).isEqualTo("Logged in as editor of mine");

            Cookie cookie = browser.driver.manage().getCookieNamed("dw_session");
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.getValue()).as("a session id, not the key").startsWith("ses_").doesNotContain(key)
                    .doesNotContain(key.substring(16));
            assertThat(browser.script("return document.cookie")).as("HttpOnly: not readable by scripts")
                    .isEqualTo("");

            String template = (String) browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch('/api/v1/alert-templates/data-drift-detected').then(r => r.text()).then(done);
                    """);
            String put = "{\"method\":\"PUT\",\"headers\":{\"Content-Type\":\"application/json\"},\"body\":"
                    + quote(template) + "}";
            assertThat(browser.driver.executeAsyncScript(FETCH, "/api/v1/projects/mine/alerts/forged", put))
                    .as("a change without the CSRF token").isEqualTo(403L);
            Object blob = browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('/ui/js/util.js').then(m => m.session()).then(s => fetch('/api/v1/projects/mine/alerts/blob',
                      { method: 'PUT', headers: { 'X-Driftwatch-Csrf': s.csrf }, body: new Blob([arguments[0]]) }))
                      .then(r => done(r.status), e => done('failed: ' + e));
                    """, template);
            assertThat(blob).as("a cookie-authenticated body without Content-Type, even with the token")
                    .isEqualTo(415L);
            Object own = browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('/ui/js/util.js').then(m => m.apiSend('PUT', '/projects/mine/alerts/own', JSON.parse(arguments[0])))
                      .then(() => done('ok'), e => done('failed: ' + e.message));
                    """, template);
            assertThat(own).as("the UI's own change carries the token").isEqualTo("ok");
            HttpResponse<String> alerts = get(url + "/api/v1/projects/mine/alerts", "Authorization", "Bearer " + ADMIN);
            assertThat(alerts.body()).contains("\"own\"").doesNotContain("forged").doesNotContain("\"blob\"");

            browser.screenshot("session-before-logout");
            logout.click();
            browser.await("#login #login-key");
            assertThat(browser.driver.manage().getCookieNamed("dw_session")).as("the cookie is cleared").isNull();
            assertThat(get(url + "/api/v1/projects/mine/models", "Cookie", "dw_session=" + cookie.getValue())
                    .statusCode()).as("logout ended the session on the server").isEqualTo(401);
        }
    }

    private static HttpResponse<String> get(String url, String header, String value) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
