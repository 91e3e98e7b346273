package io.driftwatch.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.SecuritySettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * Issue 18 (UI login): with {@code --auth required} the UI asks for a key, keeps it only in an HttpOnly cookie
 * (scripts cannot read it) and then shows the key's project — and only that one.
 */
class WebUiLoginIT {
    private static final String ADMIN = "ui-login-admin-key-0123456789";
    @TempDir
    Path dir;

    @Test
    void theUiLogsInWithAViewerKeyAndShowsOnlyItsProject() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("admin.key"), ADMIN);
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withSecurity(SecuritySettings.defaults().withAuth(AuthMode.REQUIRED).withAdminKeyFile(keyFile)));
             Browser browser = new Browser(dir.resolve("chrome"), Path.of("target/screenshots"),
                     ZoneId.of("UTC").getId())) {
            String url = "http://localhost:" + server.port();
            DriftwatchClient admin = DriftwatchClient.connect(url, ADMIN);
            admin.createProject("mine");
            admin.createProject("theirs");
            String key = admin.createAccessKey("mine", "viewer").path("key").asText();

            browser.visit(url + "/");
            WebElement input = browser.await("#login #login-key");
            input.sendKeys(key);
            browser.find("#login button[type=submit]").click();
            await("the page reloads logged in").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> browser.findAll("#project-picker option").stream().map(WebElement::getText)
                            .anyMatch("mine"::equals));
            assertThat(browser.findAll("#login")).isEmpty();
            assertThat(browser.findAll("#project-picker option")).extracting(WebElement::getText)
                    .contains("mine").doesNotContain("theirs");
            assertThat(browser.script("return document.cookie")).as("HttpOnly: not readable by scripts")
                    .isEqualTo("");
            assertThat(browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"))
                    .asString().doesNotContain(key);
            browser.screenshot("login-after");
        }
    }
}
