package io.driftwatch.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP load driver (wrk2's model): {@code connections} keep-alive HTTP/1.1 connections, each sending
 * POSTs on its own fixed schedule so that together they offer {@code rate} requests/s whatever the server does.
 * Latency is measured from each request's <em>intended</em> send time, so a stalled server is charged for every
 * request it delayed (coordinated omission corrected); the service time (from the actual send) is reported beside
 * it. One platform thread per connection, blocking sockets: about 10 µs of driver CPU per request.
 *
 * <pre>java [-Dbody=FILE] -cp benchmarks.jar io.driftwatch.benchmarks.OpenLoopLoad URL RATE SECONDS [CONNECTIONS [PID]]</pre>
 * The body is an iris OIP v2 infer request, or the JSON in {@code FILE} (e.g. a tracking event for the ingest route).
 * Prints one {@code RESULT} line: offered and achieved rate, corrected p50/p90/p99/p99.9/max in ms, service-time
 * p50/p99, non-2xx count, and with a PID the server's CPU µs per request (user + system from /proc).
 */
public final class OpenLoopLoad {
    private static final byte[] IRIS = ("{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
            + "\"data\":[5.9,3.0,5.1,1.8]}]}").getBytes(StandardCharsets.UTF_8);
    private static final long MAX_LATENCY = TimeUnit.SECONDS.toNanos(60);

    private OpenLoopLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: OpenLoopLoad URL RATE SECONDS [CONNECTIONS [PID]]");
            System.exit(2);
        }
        URI uri = URI.create(args[0]);
        double rate = Double.parseDouble(args[1]);
        double seconds = Double.parseDouble(args[2]);
        int conns = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        long pid = args.length > 4 ? Long.parseLong(args[4]) : -1;
        if (!(rate > 0) || !(seconds > 0) || conns < 1) {
            throw new IllegalArgumentException("rate, seconds and connections must be positive");
        }
        String bodyFile = System.getProperty("body");
        byte[] request = request(uri, bodyFile == null ? IRIS : Files.readAllBytes(Path.of(bodyFile)));
        long interval = Math.round(1e9 * conns / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long end = start + Math.round(seconds * 1e9);
        long cpu0 = cpuTicks(pid);
        List<Conn> workers = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            Conn c = new Conn(uri, request, start + i * interval / conns, interval, end);
            workers.add(c);
            c.thread.start();
        }
        Histogram corrected = new Histogram(MAX_LATENCY, 3);
        Histogram service = new Histogram(MAX_LATENCY, 3);
        long errors = 0;
        for (Conn c : workers) {
            c.thread.join();
            if (c.failure != null) {
                throw new IllegalStateException("connection failed", c.failure);
            }
            corrected.add(c.corrected);
            service.add(c.service);
            errors += c.errors.get();
        }
        double elapsed = Math.max(1e-9, (Math.max(end, System.nanoTime()) - start) / 1e9);
        long n = corrected.getTotalCount();
        String cpu = pid < 0 ? "" : String.format(Locale.ROOT, " cpu_us=%.0f",
                (cpuTicks(pid) - cpu0) * 1e6 / clockTicks() / Math.max(1, n));
        System.out.printf(Locale.ROOT, "RESULT n=%d offered=%.0f rps=%.1f p50=%.3f p90=%.3f p99=%.3f p999=%.3f "
                        + "max=%.3f svc50=%.3f svc99=%.3f errors=%d%s%n", n, rate, n / elapsed,
                ms(corrected, 50), ms(corrected, 90), ms(corrected, 99), ms(corrected, 99.9),
                corrected.getMaxValue() / 1e6, ms(service, 50), ms(service, 99), errors, cpu);
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    private static byte[] request(URI uri, byte[] body) {
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** User + system clock ticks of a process (all threads), or 0 without a pid. */
    private static long cpuTicks(long pid) throws IOException {
        if (pid < 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of stat(5)
    }

    private static double clockTicks() {
        return Double.parseDouble(System.getProperty("clk.tck", "100"));
    }

    /** One connection on its own schedule. */
    private static final class Conn implements Runnable {
        final Histogram corrected = new Histogram(MAX_LATENCY, 3);
        final Histogram service = new Histogram(MAX_LATENCY, 3);
        final AtomicLong errors = new AtomicLong();
        final Thread thread;
        private final URI uri;
        private final byte[] request;
        private final long first;
        private final long interval;
        private final long end;
        private final byte[] buf = new byte[8192];
        volatile Exception failure;

        Conn(URI uri, byte[] request, long first, long interval, long end) {
            this.uri = uri;
            this.request = request;
            this.first = first;
            this.interval = interval;
            this.end = end;
            this.thread = Thread.ofPlatform().name("load-" + first).unstarted(this);
        }

        @Override
        public void run() {
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
                OutputStream out = s.getOutputStream();
                InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
                for (long intended = first; intended < end; intended += interval) {
                    long now;
                    while ((now = System.nanoTime()) < intended) {
                        LockSupport.parkNanos(intended - now);
                    }
                    out.write(request);
                    out.flush();
                    int status = readResponse(in);
                    long done = System.nanoTime();
                    corrected.recordValue(Math.min(MAX_LATENCY, done - intended));
                    service.recordValue(Math.min(MAX_LATENCY, done - now));
                    if (status / 100 != 2) {
                        errors.incrementAndGet();
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
        }

        /** Reads one response (Content-Length framing), returns its status. */
        private int readResponse(InputStream in) throws IOException {
            int len = 0;
            int status = -1;
            long contentLength = -1;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b != '\n') {
                    if (b != '\r' && len < buf.length) {
                        buf[len++] = (byte) b;
                    }
                    continue;
                }
                if (len == 0) {
                    break;
                }
                String line = new String(buf, 0, len, StandardCharsets.US_ASCII);
                if (status < 0) {
                    status = Integer.parseInt(line.substring(9, 12));
                } else if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    contentLength = Long.parseLong(line.substring(15).trim());
                } else if (line.regionMatches(true, 0, "transfer-encoding:", 0, 18)) {
                    throw new IOException("chunked responses are not supported: " + line);
                }
                len = 0;
            }
            if (contentLength < 0) {
                throw new IOException("response without Content-Length");
            }
            in.skipNBytes(contentLength);
            return status;
        }
    }
}
