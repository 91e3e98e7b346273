package io.driftwatch.benchmarks.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.client.DriftwatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One controller cycle over many endpoints of a running {@code driftwatch serve} (default 100 endpoints, each with
 * one closed 10-minute window of 1,000 rows × 20 features): logs a model with a 5,000-row training set, enables
 * monitoring (base period 10 min, histogram-data-drift) <em>before</em> ingest so the processor creates the endpoints
 * monitoring-enabled, ingests per endpoint 20 events of 100 rows one minute apart in event time starting two hours
 * ago (so the first window is closed and the second is not), waits until every row is stored, then times
 * {@code POST …/controller/run} and the time until every endpoint's {@code general_drift} is visible through
 * {@code GET …/ui/app-results} (one request per poll). Every odd endpoint's window is shifted by three standard deviations in every
 * feature (general drift ≈ 0.85: detected); the even ones follow the training distribution.
 *
 * <pre>java -cp benchmarks.jar io.driftwatch.benchmarks.pipeline.ControllerBench --url http://127.0.0.1:8080
 *     --pid 1234 [--endpoints 100 --warmup-endpoints 100 --project ctl --out results.md]</pre>
 */
public final class ControllerBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FEATURES = 20;
    private static final int EVENTS = 20;
    private static final int ROWS = 100;
    private static final int WINDOW_ROWS = 10 * ROWS;
    private static final String MODEL = "m";
    /** Shift of the odd endpoints' windows in standard deviations: TVD ≈ 0.87, Hellinger ≈ 0.82 → detected. */
    private static final double SHIFT = 3.0;

    private final DriftwatchClient client;
    private final ProcessProbe server;
    private final String project;
    private final int endpoints;
    private final Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);

    private ControllerBench(Map<String, String> o, String project, int endpoints) {
        client = DriftwatchClient.connect(o.get("url"));
        server = ProcessProbe.of(Long.parseLong(o.get("pid")));
        this.project = project;
        this.endpoints = endpoints;
    }

    /**
     * A warm-up cycle ({@code --warmup-endpoints}, default as many as measured, project {@code {project}-warm}: the
     * JIT compiles the controller's paths, which otherwise costs about as much CPU as the run itself), then the
     * measured one.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = Args.parse(args);
        String project = o.getOrDefault("project", "ctl");
        int warmEndpoints = Integer.parseInt(o.getOrDefault("warmup-endpoints", o.getOrDefault("endpoints", "100")));
        String warm = new ControllerBench(o, project + "-warm", warmEndpoints).run();
        System.out.println(warm + " (warm-up)");
        String row = new ControllerBench(o, project, Integer.parseInt(o.getOrDefault("endpoints", "100"))).run();
        System.out.println(row);
        if (o.get("out") != null) {
            Files.writeString(Path.of(o.get("out")), row + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    private String run() throws Exception {
        client.createProject(project);
        client.logModel(project, MODEL, null, "sklearn", "label", null, trainingSet());
        client.enableMonitoring(project, "10", true);
        Thread.sleep(3000); // the scheduler's first run of the newly enabled project (nothing to analyse yet)
        long tIngest = System.nanoTime();
        ingest();
        double ingestSecs = (System.nanoTime() - tIngest) / 1e9;
        awaitStored();
        double stored = (System.nanoTime() - tIngest) / 1e9;
        double load = ProcessProbe.loadAverage();
        double cpu0 = server.cpuSeconds();
        long start = System.nanoTime();
        int windows = client.runController(project);
        long ran = System.nanoTime();
        double cpu1 = server.cpuSeconds();
        int[] statuses = awaitResults();
        long visible = System.nanoTime();
        return String.format(Locale.ROOT, "| %d | %,d | %.1f / %.1f | %d | %.2f | %.2f | %.2f | %.0f | %d / %d / %d | %.1f |",
                endpoints, endpoints * WINDOW_ROWS, ingestSecs, stored, windows, (ran - start) / 1e9, cpu1 - cpu0,
                (visible - start) / 1e9, (visible - ran) / 1e6, statuses[0], statuses[1], statuses[2], load);
    }

    private Path trainingSet() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < FEATURES; f++) {
            sb.append('f').append(f).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < 5000; i++) {
            for (int f = 0; f < FEATURES; f++) {
                sb.append(String.format(Locale.ROOT, "%.4f,", f + gauss(r)));
            }
            sb.append(r.nextInt(2)).append('\n');
        }
        Path p = Files.createTempFile("dw-train-", ".csv");
        Files.writeString(p, sb);
        return p;
    }

    /** One POST per endpoint (a JSON array of its 20 events), four at a time. */
    private void ingest() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<JsonNode>> done = new ArrayList<>();
            for (int e = 0; e < endpoints; e++) {
                byte[] body = events(e).toString().getBytes(StandardCharsets.UTF_8);
                done.add(pool.submit(() -> client.ingestBody(project, body, "application/json")));
            }
            for (Future<JsonNode> f : done) {
                f.get();
            }
        }
    }

    private ArrayNode events(int endpoint) {
        SplittableRandom r = new SplittableRandom(1000L + endpoint);
        double shift = endpoint % 2 == 1 ? SHIFT : 0.0;
        ArrayNode events = JSON.createArrayNode();
        for (int k = 0; k < EVENTS; k++) {
            String id = "e" + endpoint + "-" + k;
            ObjectNode ev = events.addObject().put("class", "SKLearnModel").put("model", MODEL)
                    .put("function_uri", project + "/fn" + endpoint).put("op", "infer")
                    .put("when", t0.plus(k, ChronoUnit.MINUTES).toString()).put("microsec", 1500);
            ArrayNode inputs = ev.putObject("request").put("id", id).putArray("inputs");
            ArrayNode outputs = ev.putObject("resp").put("id", id).put("model_name", MODEL).putArray("outputs");
            for (int i = 0; i < ROWS; i++) {
                ArrayNode row = inputs.addArray();
                for (int f = 0; f < FEATURES; f++) {
                    row.add(Math.round((f + shift + gauss(r)) * 1e4) / 1e4);
                }
                outputs.add(r.nextInt(2));
            }
        }
        return events;
    }

    /** Waits until every endpoint exists with its last event applied and all its rows are in the sample store. */
    private void awaitStored() throws InterruptedException {
        String last = t0.plus(EVENTS - 1, ChronoUnit.MINUTES).toString();
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (true) {
            JsonNode eps = client.endpoints(project, Map.of());
            long ready = 0;
            for (JsonNode ep : eps) {
                if (ep.path("status").path("last_request").asText().equals(last)) {
                    ready++;
                }
            }
            if (ready == endpoints && allRowsStored(eps)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("events not stored after 600 s: " + ready + " endpoints up to date");
            }
            Thread.sleep(500);
        }
    }

    private boolean allRowsStored(JsonNode eps) {
        for (JsonNode ep : eps) {
            String uid = ep.path("metadata").path("uid").asText();
            try {
                JsonNode rows = client.get("/projects/" + project + "/model-endpoints/" + uid + "/data?format=json");
                if (rows.size() != EVENTS * ROWS) {
                    return false;
                }
            } catch (DriftwatchException e) {
                // An endpoint with no Parquet file yet answers 500 (DuckDB finds no file) instead of an empty list.
                return false;
            }
        }
        return true;
    }

    /**
     * Polls {@code GET …/ui/app-results} (every result of the project in one request) until every endpoint has a
     * general_drift value; returns the counts of status 0, 1 and 2.
     */
    private int[] awaitResults() throws InterruptedException {
        String path = "/projects/" + project + "/ui/app-results?start=" + t0.minus(1, ChronoUnit.HOURS);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            int[] statuses = new int[3];
            Set<String> seen = new HashSet<>();
            for (JsonNode r : client.get(path)) {
                if (r.path("name").asText().equals("general_drift") && seen.add(r.path("endpoint_id").asText())) {
                    statuses[Math.max(0, Math.min(2, r.path("status").asInt()))]++;
                }
            }
            if (seen.size() == endpoints) {
                return statuses;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + seen.size() + " of " + endpoints + " drift results after 120 s");
            }
            Thread.sleep(100);
        }
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
