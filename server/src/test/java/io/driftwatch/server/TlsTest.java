package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.server.auth.AuthMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 18 pt 3: {@code --tls-cert}/{@code --tls-key} make the port serve HTTPS only. */
class TlsTest {
    private static final String ADMIN_KEY = "test-admin-key-0123456789";
    @TempDir
    Path dir;

    /** A self-signed certificate for localhost/127.0.0.1 made by openssl: {cert.pem, key.pem} (key in PKCS#8). */
    private Path[] selfSigned(String name, String keyAlg) throws Exception {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        List<String> cmd = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()));
        cmd.addAll(keyAlg.equals("rsa") ? List.of("-newkey", "rsa:2048")
                : List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return new Path[] {cert, key};
    }

    private ServerConfig config(Path cert, Path key) {
        Map<String, String> props = new HashMap<>(Map.of("port", "0", "data-dir", dir.resolve("data").toString()));
        props.put("tls-cert", cert.toString());
        props.put("tls-key", key.toString());
        return ServerConfig.fromProperties(props);
    }

    private static HttpClient trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("server", c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theServerAnswersOverHttpsAndNotOverPlainHttp() throws Exception {
        Path[] pem = selfSigned("rsa", "rsa");
        Path keyFile = Files.writeString(dir.resolve("admin.key"), ADMIN_KEY + "\n");
        ServerConfig config = config(pem[0], pem[1]);
        config = config.withSecurity(config.security().withAuth(AuthMode.REQUIRED).withAdminKeyFile(keyFile));
        try (Server server = Server.start(config)) {
            HttpClient https = trusting(pem[0]);
            HttpResponse<String> r = get(https, "https://localhost:" + server.port() + "/api/v1/healthz");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("ok");
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + server.port() + "/api/v1/session")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + ADMIN_KEY + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie")).get().asString().contains("; Secure");
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            assertThatThrownBy(() -> get(plain, "http://localhost:" + server.port() + "/api/v1/healthz"))
                    .isInstanceOf(IOException.class);
            // a client that does not trust the certificate refuses the connection
            assertThatThrownBy(() -> get(plain, "https://localhost:" + server.port() + "/api/v1/healthz"))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void anEcKeyWorksToo() throws Exception {
        Path[] pem = selfSigned("ec", "ec");
        Backend backend = new Backend(Clock.systemUTC(), MemoryStores.projectStore(), null, null, null, null, null,
                null, null);
        try (ApiServer api = ApiServer.start(backend, config(pem[0], pem[1]))) {
            assertThat(get(trusting(pem[0]), "https://127.0.0.1:" + api.port() + "/api/v1/healthz").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void certAndKeyGoTogetherAndMustMatch() throws Exception {
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("tls-cert", "/x.pem")))
                .hasMessageContaining("--tls-key").hasMessageContaining("together");
        assertThatThrownBy(() -> ServerConfig.fromProperties(Map.of("tls-key", "/x.pem")))
                .hasMessageContaining("--tls-cert");
        Path[] a = selfSigned("a", "rsa");
        Path[] b = selfSigned("b", "rsa");
        assertThatThrownBy(() -> Server.start(config(a[0], b[1]))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not the private key");
        Path notPem = Files.writeString(dir.resolve("k.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n");
        assertThatThrownBy(() -> Server.start(config(a[0], notPem))).hasMessageContaining("PKCS#8");
        assertThatThrownBy(() -> Server.start(config(notPem, a[1]))).hasMessageContaining("--tls-cert");
    }
}
