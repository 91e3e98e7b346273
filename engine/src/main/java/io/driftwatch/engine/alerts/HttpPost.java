package io.driftwatch.engine.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP request with timeouts under an {@link OutboundPolicy}: the destination is checked (after DNS) before the
 * request and before each of at most {@value #MAX_REDIRECTS} redirects, which are followed by hand (307/308 resend
 * the same request, 301/302/303 too: a webhook is never turned into a GET). At most {@value #MAX_BODY} bytes of the
 * answer are read and never shown: a status outside 2xx is an {@link IOException} naming only the status and host.
 */
final class HttpPost {
    static final int MAX_REDIRECTS = 3;
    static final int MAX_BODY = 64 * 1024;
    private final HttpClient client;
    private final Duration timeout;
    private final OutboundPolicy policy;

    HttpPost(Duration timeout, OutboundPolicy policy) {
        this.timeout = timeout;
        this.policy = policy;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void send(String method, String url, Map<String, String> headers, String body)
            throws IOException, InterruptedException {
        URI uri = URI.create(url);
        for (int hop = 0; ; hop++) {
            check(uri);
            HttpResponse<InputStream> r = client.send(request(method, uri, headers, body),
                    HttpResponse.BodyHandlers.ofInputStream());
            drain(r.body());
            int status = r.statusCode();
            String location = r.headers().firstValue("Location").orElse(null);
            if (status / 100 == 3 && location != null && hop < MAX_REDIRECTS) {
                uri = uri.resolve(location);
                continue;
            }
            if (status / 100 != 2) {
                throw new IOException("HTTP " + status + " from " + uri.getHost()
                        + (status / 100 == 3 ? " (redirect not followed)" : ""));
            }
            return;
        }
    }

    private void check(URI uri) throws IOException {
        String refusal = policy.refusal(uri);
        if (refusal != null) {
            throw new IOException("destination refused: " + refusal);
        }
    }

    private HttpRequest request(String method, URI uri, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean typed = headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("content-type"));
        if (!typed) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return b.build();
    }

    /** Reads at most {@link #MAX_BODY} bytes of the answer and closes it. */
    private static void drain(InputStream in) throws IOException {
        try (in) {
            in.readNBytes(MAX_BODY);
        }
    }
}
