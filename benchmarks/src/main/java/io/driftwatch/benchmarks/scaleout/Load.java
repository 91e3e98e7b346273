package io.driftwatch.benchmarks.scaleout;

import io.driftwatch.EndpointId;
import io.driftwatch.engine.port.EventStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ingest side of the run, as the server's ingest does it after parsing a request (KeyedAppends): open-loop
 * appends of one MLRun tracking event each ({@code project} added as ingest adds it, {@code rows} rows of 20 features, {@code request.inputs} and
 * {@code resp.outputs} lists, {@code when} = now), keyed by the endpoint uid, by {@code threads} platform threads
 * named {@code ingest-<i>}, each pacing its share of {@code rate} events/s on a fixed schedule (a thread that falls
 * behind sends at once, so the offered rate is kept while the appends keep up). Each append returns only when the
 * stream acknowledged it (Kafka: acks=all from every in-sync replica; the embedded log: fsync). Endpoints rotate
 * over {@code endpoints} function URIs; the body of each endpoint's event is encoded once, so the load generator's
 * own CPU is a string copy per event.
 */
final class Load {
    private final EventStream stream;
    private final String project;
    private final double rate;
    private final int threads;
    private final List<String[]> templates = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;
    private final List<Thread> workers = new ArrayList<>();

    Load(EventStream stream, String project, int endpoints, int rows, double rate, int threads) {
        this.stream = stream;
        this.project = project;
        this.rate = rate;
        this.threads = threads;
        for (int e = 0; e < endpoints; e++) {
            String fn = project + "/fn" + e;
            templates.add(template(project, fn, rows, new SplittableRandom(e)));
            keys.add(EndpointId.of(project, fn, "m", null));
        }
    }

    /** {prefix, middle, suffix} around the event's {@code when} and request id. */
    static String[] template(String project, String fn, int rows, SplittableRandom r) {
        StringBuilder in = new StringBuilder("[");
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            in.append(i == 0 ? "[" : ",[");
            for (int f = 0; f < 20; f++) {
                in.append(f == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", f + r.nextGaussian()));
            }
            in.append(']');
            out.append(i == 0 ? "" : ",").append(r.nextInt(2));
        }
        in.append(']');
        out.append(']');
        return new String[] {"{\"project\":\"" + project + "\",\"class\":\"SKLearnModel\",\"model\":\"m\",\"function_uri\":\"" + fn
                + "\",\"op\":\"infer\",\"microsec\":1500,\"when\":\"",
                "\",\"request\":{\"inputs\":" + in + ",\"id\":\"", "\"},\"resp\":{\"model_name\":\"m\",\"outputs\":"
                + out + "}}"};
    }

    void start() {
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = Thread.ofPlatform().daemon().name("ingest-" + t).start(() -> loop(id));
            workers.add(w);
        }
    }

    private void loop(int id) {
        long interval = (long) (1e9 * threads / rate);
        long next = System.nanoTime();
        long n = 0;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                continue;
            }
            int ep = (int) ((n * threads + id) % templates.size());
            String[] t = templates.get(ep);
            byte[] event = (t[0] + Instant.now() + t[1] + id + "-" + n + t[2]).getBytes(StandardCharsets.UTF_8);
            try {
                stream.append(project, keys.get(ep), List.of(event));
                acked.incrementAndGet();
            } catch (RuntimeException e) {
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
