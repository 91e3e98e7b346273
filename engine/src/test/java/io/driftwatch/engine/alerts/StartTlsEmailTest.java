package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * E-mail over STARTTLS with AUTH to a real SMTP server: aiosmtpd (Debian {@code python3-aiosmtpd}, installed by
 * {@code .ci/run}) that refuses MAIL and AUTH before STARTTLS, with a self-signed certificate made by openssl.
 * Skipped locally when aiosmtpd is missing; in CI ({@code CI=true}) a missing server fails the test.
 */
class StartTlsEmailTest {
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    @TempDir
    static Path dir;
    private static Process server;
    private static int port;
    private static final BlockingQueue<String> LINES = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startServer() throws Exception {
        boolean available = run(PYTHON, "-c", "import aiosmtpd") == 0 && run("openssl", "version") == 0;
        if (!available && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("python3-aiosmtpd and openssl are required in CI (see .ci/run)");
        }
        Assumptions.assumeTrue(available, "python3-aiosmtpd or openssl missing");
        assertThat(run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(), "-out",
                dir.resolve("cert.pem").toString())).isZero();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path script = Path.of(StartTlsEmailTest.class.getResource("/alerts/starttls_smtp.py").toURI());
        server = new ProcessBuilder(PYTHON, script.toString(), Integer.toString(port),
                dir.resolve("cert.pem").toString(), dir.resolve("key.pem").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8))) {
                r.lines().forEach(LINES::add);
            } catch (IOException ignored) {
                // the server stopped
            }
        });
        assertThat(LINES.poll(30, TimeUnit.SECONDS)).as("aiosmtpd started").isEqualTo("READY");
    }

    private static int run(String... cmd) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroy();
            }
        }
    }

    private static String params(String password) {
        return "{'kind': 'email', 'params': {'host': '127.0.0.1', 'port': " + port + ", 'username': 'alerts',"
                + " 'password': '" + password + "', 'from': 'driftwatch@example.com', 'to': ['ops@example.com'],"
                + " 'ssl_trust': '127.0.0.1', 'subject': '{{severity}}: {{name}}'}}";
    }

    @Test
    void mailIsSentAfterStarttlsAndAuth() throws Exception {
        Notifier.email(Duration.ofSeconds(10), AlertTesting.LOCAL).send(NotifiersTest.message(params("pw")));
        JsonNode mail = AlertConfigJson.MAPPER.readTree(LINES.poll(10, TimeUnit.SECONDS));
        assertThat(mail.get("tls").asBoolean()).isTrue();
        assertThat(mail.get("from").asText()).isEqualTo("driftwatch@example.com");
        assertThat(mail.get("to").get(0).asText()).isEqualTo("ops@example.com");
        assertThat(mail.get("data").asText()).contains("Subject: high: drift").contains("Drift on ep1");
    }

    @Test
    void aWrongPasswordFailsTheDelivery() {
        assertThatThrownBy(() -> Notifier.email(Duration.ofSeconds(10), AlertTesting.LOCAL).send(NotifiersTest.message(params("nope"))))
                .isInstanceOf(jakarta.mail.AuthenticationFailedException.class);
    }
}
