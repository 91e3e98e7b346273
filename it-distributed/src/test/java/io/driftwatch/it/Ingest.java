package io.driftwatch.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A tracking client that does what a careful producer does: posts batches of 20 events (each with its own request
 * id) to {@code /projects/{p}/model-monitoring/stream}, and retries the same batch on 503, 429 and connection errors
 * (100 ms, doubling to 1 s) until it is acknowledged (2xx) or the run stops. It records which request ids were
 * acknowledged and how many attempts carried each id (a retry after a lost 2xx may deliver an event twice: that is
 * the client's at-least-once, counted as attempts, not as a server duplicate).
 */
final class Ingest {
    static final int BATCH = 20;
    private final String project;
    private final Supplier<String> baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final Set<String> acked = ConcurrentHashMap.newKeySet();
    final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> writers = new ArrayList<>();

    /** {@code baseUrl} is read per attempt: the server may come back on another port. */
    Ingest(String project, Supplier<String> baseUrl) {
        this.project = project;
        this.baseUrl = baseUrl;
    }

    /** Starts {@code n} writers, each sending up to {@code batches} batches. */
    Ingest start(int n, int batches) {
        for (int w = 0; w < n; w++) {
            int writer = w;
            writers.add(Thread.ofPlatform().daemon().name("ingest-" + w).start(() -> write(writer, batches)));
        }
        return this;
    }

    /** Waits until every writer sent all its batches (each acknowledged) or {@code max} passed, then stops them. */
    void finish(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        for (Thread t : writers) {
            t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        stop.set(true);
        for (Thread t : writers) {
            t.join();
        }
    }

    private void write(int writer, int batches) {
        for (int b = 0; b < batches && !stop.get(); b++) {
            List<String> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("[");
            for (int i = 0; i < BATCH; i++) {
                String id = "w" + writer + "-" + b + "-" + i;
                ids.add(id);
                body.append(i == 0 ? "" : ",").append(event(id));
            }
            send(ids, body.append(']').toString());
        }
    }

    /**
     * After {@link #finish}: sends one more event {@code id}, built now, retrying as the writers do (≤ 1 min), and
     * records it like theirs. Its time closes every window that began before {@code now − grace − base period}.
     */
    void sendOne(String id) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        send(List.of(id), "[" + event(id) + "]", () -> System.nanoTime() > deadline);
    }

    private void send(List<String> ids, String body) {
        send(ids, body, stop::get);
    }

    private void send(List<String> ids, String body, BooleanSupplier stopped) {
        long backoff = 100;
        while (!stopped.getAsBoolean()) {
            ids.forEach(id -> attempts.merge(id, 1, Integer::sum));
            int status = post(body);
            if (status / 100 == 2) {
                acked.addAll(ids);
                return;
            }
            if (status != 503 && status != 429 && status != -1) {
                throw new IllegalStateException("ingest answered " + status);
            }
            if (status == 503) {
                unavailable.incrementAndGet();
            }
            retries.incrementAndGet();
            Parts.sleep(backoff);
            backoff = Math.min(1000, backoff * 2);
        }
    }

    /** The status, or -1 on a connection error or timeout. */
    private int post(String body) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl.get() + "/api/v1/projects/" + project
                            + "/model-monitoring/stream")).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private String event(String id) {
        double x = (id.hashCode() & 0xff) / 64.0;
        return "{\"model\":\"m\",\"function_uri\":\"" + project + "/fn\",\"when\":\"" + Instant.now()
                + "\",\"microsec\":1000,\"op\":\"infer\",\"request\":{\"id\":\"" + id + "\",\"inputs\":[[" + x
                + ",3.0,4.2,1.3]]},\"resp\":{\"id\":\"" + id + "\",\"outputs\":[1]}}";
    }
}
