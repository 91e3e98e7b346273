package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 pt 6, DNS rebinding: a webhook's name is resolved once per request (and per redirect) and the connection
 * goes to the address that was checked, never to a second answer of the DNS. {@link RebindingResolver} plays a
 * rebinding DNS server; the receiver listens on 127.0.0.1 only (127.0.0.2 is refused by the kernel). Before the fix
 * the HTTP client resolved the name again: the first test reached the loopback receiver, the second got
 * "connection refused" from 127.0.0.2.
 */
class DnsRebindingTest {
    private HttpServer receiver;
    private int port;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
        receiver.createContext("/", this::answer);
        receiver.start();
        port = receiver.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private void answer(HttpExchange x) throws IOException {
        x.getRequestBody().readAllBytes();
        requests.add(x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("Host"));
        String query = x.getRequestURI().getQuery();
        if (query != null && query.startsWith("to=")) {
            x.getResponseHeaders().add("Location", "http://" + query.substring(3) + ":" + port + "/next");
            x.sendResponseHeaders(307, -1);
        } else {
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, ok.length);
            x.getResponseBody().write(ok);
        }
        x.close();
    }

    private String url(String host, String path) {
        return "http://" + host + ":" + port + path;
    }

    @Test
    void aNameThatRebindsToLoopbackAfterTheCheckNeverReachesIt() {
        RebindingResolver.script("evil.rebind.test", "203.0.113.10", "127.0.0.1");
        HttpPost post = new HttpPost(Duration.ofMillis(700), OutboundPolicy.STRICT);
        assertThatThrownBy(() -> post.send("POST", url("evil.rebind.test", "/steal"), Map.of(), "{}"))
                .isInstanceOf(IOException.class);
        assertThat(requests).as("nothing reached the loopback receiver").isEmpty();
        assertThat(RebindingResolver.lookups("evil.rebind.test")).as("resolved once").isEqualTo(1);
    }

    @Test
    void theRequestGoesToTheCheckedAddressWithTheNameAsHost() throws Exception {
        RebindingResolver.script("hook.rebind.test", "127.0.0.1", "127.0.0.2");
        new HttpPost(Duration.ofSeconds(5), AlertTesting.LOCAL).send("POST", url("hook.rebind.test", "/hook"),
                Map.of("X-Token", "t"), "{}");
        assertThat(requests).containsExactly("/hook hook.rebind.test:" + port);
        assertThat(RebindingResolver.lookups("hook.rebind.test")).isEqualTo(1);
    }

    @Test
    void aRedirectTargetIsResolvedOnceAndConnectedAtTheCheckedAddress() throws Exception {
        RebindingResolver.script("first.rebind.test", "127.0.0.1", "127.0.0.2");
        RebindingResolver.script("second.rebind.test", "127.0.0.1", "127.0.0.2");
        new HttpPost(Duration.ofSeconds(5), AlertTesting.LOCAL).send("POST",
                url("first.rebind.test", "/go?to=second.rebind.test"), Map.of(), "{}");
        assertThat(requests).containsExactly("/go first.rebind.test:" + port, "/next second.rebind.test:" + port);
        assertThat(RebindingResolver.lookups("second.rebind.test")).isEqualTo(1);
    }

    @Test
    void aRedirectToANameThatRebindsToLoopbackIsNotFollowedThere() {
        RebindingResolver.script("start.rebind.test", "127.0.0.1");
        RebindingResolver.script("evil2.rebind.test", "203.0.113.11", "127.0.0.1");
        HttpPost post = new HttpPost(Duration.ofMillis(700), OutboundPolicy.allowing(List.of("127.0.0.1/32")));
        assertThatThrownBy(() -> post.send("POST", url("start.rebind.test", "/go?to=evil2.rebind.test"), Map.of(),
                "{}")).isInstanceOf(IOException.class);
        assertThat(requests).containsExactly("/go start.rebind.test:" + port);
    }
}
