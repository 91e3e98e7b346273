package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS webhooks connected by checked address (issue 18 pt 6): SNI and the certificate's host-name check still use
 * the URL's name, so a pinned connection neither breaks TLS nor accepts a certificate of another name. The receiver's
 * certificate (CN and SAN {@code hook.rebind.test}) is made by the JDK's keytool.
 */
class PinnedHttpsTest {
    private static final char[] PASS = "changeit".toCharArray();
    @TempDir
    Path dir;
    private HttpsServer receiver;
    private SSLContext client;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path ks = dir.resolve("hook.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "hook", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=hook.rebind.test", "-ext", "SAN=dns:hook.rebind.test", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASS)).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            keys.load(in, PASS);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASS);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        receiver = HttpsServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
        receiver.setHttpsConfigurator(new HttpsConfigurator(server));
        receiver.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            requests.add(x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("Host"));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        receiver.start();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("hook", keys.getCertificate("hook"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private HttpPost post() {
        return new HttpPost(Duration.ofSeconds(5), AlertTesting.LOCAL, client.getSocketFactory());
    }

    @Test
    void anHttpsHookIsReachedAtTheCheckedAddressWithItsNameVerified() throws Exception {
        RebindingResolver.script("hook.rebind.test", "127.0.0.1", "127.0.0.2");
        int port = receiver.getAddress().getPort();
        post().send("POST", "https://hook.rebind.test:" + port + "/tls", Map.of(), "{}");
        assertThat(requests).containsExactly("/tls hook.rebind.test:" + port);
    }

    @Test
    void aCertificateOfAnotherNameIsRefused() {
        RebindingResolver.script("other.rebind.test", "127.0.0.1");
        int port = receiver.getAddress().getPort();
        assertThatThrownBy(() -> post().send("POST", "https://other.rebind.test:" + port + "/tls", Map.of(), "{}"))
                .isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> post().send("POST", "https://127.0.0.1:" + port + "/tls", Map.of(), "{}"))
                .as("nor by address").isInstanceOf(SSLHandshakeException.class);
        assertThat(requests).isEmpty();
    }
}
