package io.driftwatch.benchmarks.scaleout;

import io.driftwatch.EndpointId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP side of an {@link HttpRun}: {@code threads} platform threads POST one MLRun tracking event each (the events
 * of {@link Load}, {@code rows} rows of 20 features) to the running server's
 * {@code /api/v1/projects/{p}/model-monitoring/stream}, open-loop at {@code rate} events/s in total, over one
 * keep-alive HTTP/1.1 client; an event counts as acknowledged when the answer is 2xx (the server answers after the
 * stream acknowledged it: Kafka acks=all, or the embedded log's fsync).
 */
final class HttpLoad {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;
    private final double rate;
    private final int threads;
    private final List<String[]> templates = new ArrayList<>();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    private final List<Thread> workers = new ArrayList<>();

    HttpLoad(String baseUrl, String project, int endpoints, int rows, double rate, int threads) {
        this.uri = URI.create(baseUrl + "/api/v1/projects/" + project + "/model-monitoring/stream");
        this.rate = rate;
        this.threads = threads;
        for (int e = 0; e < endpoints; e++) {
            String fn = project + "/fn" + e;
            templates.add(Load.template(project, fn, rows, new SplittableRandom(e)));
            EndpointId.of(project, fn, "m", null);
        }
    }

    void start() {
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofPlatform().daemon().name("ingest-" + t).start(() -> loop(id)));
        }
    }

    private void loop(int id) {
        long interval = (long) (1e9 * threads / rate);
        long next = System.nanoTime();
        long n = 0;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            String[] t = templates.get((int) ((n * threads + id) % templates.size()));
            String event = t[0] + Instant.now() + t[1] + id + "-" + n + t[2];
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                        HttpResponse.BodyHandlers.discarding());
                (r.statusCode() / 100 == 2 ? acked : failed).incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failed.incrementAndGet();
            }
            n++;
            next += interval;
        }
    }

    void stop() throws InterruptedException {
        running = false;
        for (Thread w : workers) {
            w.join();
        }
    }
}
