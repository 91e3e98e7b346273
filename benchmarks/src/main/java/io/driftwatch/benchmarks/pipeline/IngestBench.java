package io.driftwatch.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.client.DriftwatchClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sustained HTTP ingest into a running {@code driftwatch serve}: runs {@code wrk} with {@code ingest.lua} (one
 * MLRun-format event per request, {@code --rows} rows of 20 features each) once per connection count, each run into
 * its own project, and measures from outside the server: requests/s and p50/p99 (wrk), rows/s, the server's CPU
 * seconds per 1,000 rows (from {@code /proc/<pid>/stat}, from the start of the load until the stream processor has
 * applied every acknowledged event), and the processor lag when the load stops (acknowledged rows the processor had
 * not applied yet) with the time it took to catch up.
 *
 * <p>Acknowledged events are bracketed exactly by two probe events (one before, one after wrk), whose stream offsets
 * the server returns. Processed rows are read over REST as the sum of the project's endpoints'
 * {@code predictions_count_1h} (the processor's live metrics; exact while the events' {@code when} is within the
 * hour). The lag at the end is acknowledged minus processed rows when wrk stopped; catch-up is the time until the
 * processed count reaches the acknowledged one.
 *
 * <pre>java -cp benchmarks.jar io.driftwatch.benchmarks.pipeline.IngestBench --url http://127.0.0.1:8080 --pid 1234
 *     --lua benchmarks/pipeline/ingest.lua --rows 100 --conns 16,64,256 --duration 30s [--threads 2 --endpoints 10
 *     --warmup 10s --out results.md]</pre>
 * The warm-up (one run at 16 connections, 0 = none) lets the server's JIT compile the ingest and processor paths.
 */
public final class IngestBench {
    private static final Pattern RESULT = Pattern.compile("DW_RESULT (.*)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_CATCH_UP_NANOS = 600_000_000_000L;

    private final Map<String, String> opts;
    private final DriftwatchClient client;
    private final ProcessProbe server;
    private final int rows;

    private IngestBench(Map<String, String> opts) {
        this.opts = opts;
        this.client = DriftwatchClient.connect(require("url"));
        this.server = ProcessProbe.of(Long.parseLong(require("pid")));
        this.rows = Integer.parseInt(opts.getOrDefault("rows", "1"));
    }

    public static void main(String[] args) throws Exception {
        IngestBench bench = new IngestBench(Args.parse(args));
        bench.run();
    }

    private void run() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("| rows/event | conns | requests/s | p50 ms | p99 ms | non-2xx | rows/s (acked) | lag at end (rows) "
                + "| catch-up s | rows/s end to end | server CPU s / 1k rows | load avg |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        String warmup = opts.getOrDefault("warmup", "10s");
        if (!warmup.equals("0")) {
            System.out.println(once(16, warmup) + " (warm-up, not recorded)");
        }
        for (String c : opts.getOrDefault("conns", "16,64,256").split(",")) {
            String row = once(Integer.parseInt(c.trim()), opts.getOrDefault("duration", "30s"));
            System.out.println(row);
            lines.add(row);
        }
        String out = opts.get("out");
        if (out != null) {
            Files.write(Path.of(out), lines, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** One wrk run with {@code conns} connections for {@code duration}; returns its Markdown table row. */
    private String once(int conns, String duration) throws IOException, InterruptedException {
        String project = "ingest-" + rows + "r-c" + conns + "-" + (System.currentTimeMillis() % 100_000);
        client.createProject(project);
        Path log = Files.createTempFile("dw-wrk-", ".txt");
        ProcessBuilder pb = new ProcessBuilder("wrk", "-t" + opts.getOrDefault("threads", "2"), "-c" + conns,
                "-d" + duration, "--latency", "-s", require("lua"), require("url"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DW_PROJECT", project);
        pb.environment().put("DW_ROWS", Integer.toString(rows));
        pb.environment().put("DW_ENDPOINTS", opts.getOrDefault("endpoints", "10"));
        double loadMin = ProcessProbe.loadAverage();
        double loadMax = loadMin;
        long before = probe(project);
        double cpu0 = server.cpuSeconds();
        long t0 = System.nanoTime();
        Process wrk = pb.start();
        while (!wrk.waitFor(1, TimeUnit.SECONDS)) {
            double l = ProcessProbe.loadAverage();
            loadMin = Math.min(loadMin, l);
            loadMax = Math.max(loadMax, l);
        }
        long tEnd = System.nanoTime();
        long atEnd = processedRows(project);
        long after = probe(project);
        long acked = after - before - 1;
        Map<String, String> w = wrkResult(Files.readString(log), wrk.exitValue());
        CatchUp cu = catchUp(project, acked * rows + 2, tEnd);
        long requests = Long.parseLong(w.get("requests"));
        long non2xx = Long.parseLong(w.get("errors_status"));
        double secs = Long.parseLong(w.get("duration_us")) / 1e6;
        double endToEnd = cu.rows / ((cu.at - t0) / 1e9);
        double cpuPer1k = (cu.cpu - cpu0) / (cu.rows / 1000.0);
        return String.format(Locale.ROOT, "| %d | %d | %,.0f | %s | %s | %d | %,.0f | %,d | %.1f | %,.0f | %.3f | %.1f–%.1f |",
                rows, conns, requests / secs, w.get("p50_ms"), w.get("p99_ms"), non2xx,
                (requests - non2xx) * (double) rows / secs, Math.max(0, acked * rows + 1 - atEnd), (cu.at - tEnd) / 1e9,
                endToEnd, cpuPer1k,
                loadMin, loadMax);
    }

    private record CatchUp(long rows, long at, double cpu) {
    }

    /** Polls (every 100 ms) until the project's endpoints have processed {@code expected} rows. */
    private CatchUp catchUp(String project, long expected, long tEnd) throws InterruptedException {
        while (true) {
            double cpu = server.cpuSeconds();
            long now = processedRows(project);
            if (now >= expected) {
                return new CatchUp(now, System.nanoTime(), cpu);
            }
            if (System.nanoTime() - tEnd > MAX_CATCH_UP_NANOS) {
                throw new IllegalStateException("the processor did not catch up within 600 s (" + now + " of "
                        + expected + " rows)");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Appends one 1-row event (endpoint {@code {project}/probe}) and returns its stream offset: the number of records
     * the log acknowledged before it (offsets are dense from 0), which brackets what wrk got acknowledged exactly,
     * including requests still in flight when wrk stopped.
     */
    private long probe(String project) {
        ObjectNode e = JSON.createObjectNode().put("model", "m").put("function_uri", project + "/probe")
                .put("when", Instant.now().toString()).put("microsec", 1500);
        ArrayNode row = e.putObject("request").put("id", "probe").putArray("inputs").addArray();
        for (int f = 0; f < 20; f++) {
            row.add(f);
        }
        e.putObject("resp").put("id", "probe").putArray("outputs").add(0);
        return client.ingest(project, List.of(e)).path("offset").asLong();
    }

    /** Sum of the project's endpoints' {@code predictions_count_1h}; fails on data-processing errors. */
    private long processedRows(String project) {
        long sum = 0;
        for (JsonNode ep : client.endpoints(project, Map.of())) {
            JsonNode status = ep.path("status");
            if (status.path("error_count").asLong() != 0) {
                throw new IllegalStateException("endpoint " + ep.path("metadata").path("uid").asText() + " counted "
                        + status.path("error_count").asLong() + " errors: the benchmark events are wrong");
            }
            sum += status.path("metrics").path("generic").path("predictions_count_1h").asLong();
        }
        return sum;
    }

    private static Map<String, String> wrkResult(String output, int exit) {
        Matcher m = RESULT.matcher(output);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("wrk failed (exit " + exit + "):\n" + output);
        }
        Map<String, String> r = new LinkedHashMap<>();
        for (String kv : m.group(1).trim().split(" ")) {
            String[] p = kv.split("=", 2);
            r.put(p[0], p[1]);
        }
        if (Long.parseLong(r.get("errors_connect")) + Long.parseLong(r.get("errors_read"))
                + Long.parseLong(r.get("errors_write")) > 0) {
            System.err.println("wrk reported socket errors: " + m.group(1));
        }
        return r;
    }

    private String require(String key) {
        String v = opts.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing option --" + key);
        }
        return v;
    }
}
