package io.driftwatch.engine.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** One HTTP request with timeouts; a status outside 2xx is an {@link IOException} naming it (URL not shown). */
final class HttpPost {
    private final HttpClient client;
    private final Duration timeout;

    HttpPost(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void send(String method, String url, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        URI uri = URI.create(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean typed = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-type"));
        if (!typed) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            String text = r.body() == null ? "" : r.body();
            throw new IOException("HTTP " + r.statusCode() + " from " + uri.getHost()
                    + (text.isBlank() ? "" : ": " + text.substring(0, Math.min(200, text.length()))));
        }
    }
}
