package io.driftwatch.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.driftwatch.server.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * What listens on the REST port while a backend is down at start: {@code /health/ready} (and under
 * {@code /api/v1}) answers 503 with {@link BackendHealth#json()}, {@code /api/v1/healthz} 200 (the process is alive),
 * every other request 503 {@code {"error": {"code": "starting", "message": …}}} with {@code Retry-After: 5}. Plain
 * HTTP on the configured address (with TLS configured, clients see a TLS error until the real API starts).
 */
final class StartingServer implements AutoCloseable {
    private final HttpServer http;

    private StartingServer(HttpServer http) {
        this.http = http;
    }

    /** Listens on {@code bind}:{@code port} (0 = any free port). */
    static StartingServer start(String bind, int port, BackendHealth health) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 16);
            http.createContext("/", ex -> answer(ex, health));
            http.setExecutor(null);
            http.start();
            return new StartingServer(http);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind + ":" + port, e);
        }
    }

    int port() {
        return http.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, BackendHealth health) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body;
        int status = 503;
        if (path.equals("/health/ready") || path.equals(ApiServer.PREFIX + "/health/ready")) {
            body = health.json().toString();
        } else if (path.equals(ApiServer.PREFIX + "/healthz")) {
            status = 200;
            body = Json.object().put("status", "starting").toString();
        } else {
            var error = Json.object();
            error.putObject("error").put("code", "starting").put("message", "driftwatch is starting: "
                    + health.summary());
            body = error.toString();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (status == 503) {
            ex.getResponseHeaders().set("Retry-After", "5");
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
