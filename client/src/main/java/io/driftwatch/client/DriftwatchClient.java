package io.driftwatch.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serial;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A Java client of the Driftwatch REST API ({@code java.net.http}, thread-safe): projects, models, endpoints,
 * monitoring, apps, results and ingest, plus a batching {@link Tracker} for model servers. Errors throw
 * {@link DriftwatchException} with the server's code and message; ingest retries 429 answers after their
 * {@code Retry-After} (up to 5 times).
 */
public final class DriftwatchClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpClient http;
    private final String base;
    private final String accessKey;

    private DriftwatchClient(String url, String accessKey) {
        this.base = url.replaceAll("/+$", "") + "/api/v1";
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.accessKey = accessKey == null || accessKey.isBlank() ? null : accessKey.trim();
    }

    /** A client of the server at {@code url} (e.g. {@code http://localhost:8080}) without an access key. */
    public static DriftwatchClient connect(String url) {
        return new DriftwatchClient(url, null);
    }

    /**
     * A client of the server at {@code url} that sends {@code accessKey} as {@code Authorization: Bearer} on every
     * request (null or blank: none, for a server with auth off).
     */
    public static DriftwatchClient connect(String url, String accessKey) {
        return new DriftwatchClient(url, accessKey);
    }

    /** Creates an access key of {@code project} with {@code role}; the answer holds the key (shown only once). */
    public JsonNode createAccessKey(String project, String role) {
        return post("/projects/" + project + "/access-keys", MAPPER.createObjectNode().put("role", role));
    }

    /** The access keys of {@code project}: ids, prefixes, roles, creation times (never the keys). */
    public JsonNode accessKeys(String project) {
        return get("/projects/" + project + "/access-keys");
    }

    /** Revokes the access key {@code id} of {@code project}: it stops working at once. */
    public void revokeAccessKey(String project, String id) {
        delete("/projects/" + project + "/access-keys/" + id);
    }

    /** Replaces the key {@code id} by a new one of the same role (in the answer, shown once); the old one stops. */
    public JsonNode rotateAccessKey(String project, String id) {
        return post("/projects/" + project + "/access-keys/" + id + "/rotate", null);
    }

    /** Replaces the server's generated admin key; the answer's {@code key} is the new one, the old one stops. */
    public JsonNode rotateAdminKey() {
        return post("/admin-key/rotate", null);
    }

    /**
     * The audit log, newest first: the entries of {@code project} (its admin key), or with a null project every
     * entry (the server admin key). {@code since} (inclusive) and {@code until} (exclusive) in the API's time forms
     * ({@code now-1d}, ISO-8601); {@code actor} such as {@code dw_<id>} or {@code admin}; null: no condition.
     */
    public JsonNode audit(String project, String since, String until, String actor, Integer limit) {
        String path = project == null ? "/audit" : "/projects/" + project + "/audit";
        return get(path + query(params("since", since, "until", until, "actor", actor, "limit",
                limit == null ? null : limit.toString())));
    }

    /** The API base URL ({@code http://host:port/api/v1}). */
    public String baseUrl() {
        return base;
    }

    /** A GET under {@code /api/v1}, e.g. {@code get("/projects")}. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public JsonNode post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString())));
    }

    public JsonNode put(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString())));
    }

    public JsonNode patch(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString())));
    }

    public JsonNode delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public JsonNode createProject(String name) {
        return post("/projects", MAPPER.createObjectNode().put("name", name));
    }

    public JsonNode projects() {
        return get("/projects");
    }

    /**
     * Deletes the project with all its data (endpoints, models, results, rows, artifacts, alerts, settings):
     * {@code DELETE /projects/{p}?deletion_strategy=cascading}. Answers what was deleted.
     */
    public JsonNode deleteProject(String name) {
        return delete("/projects/" + name + "?deletion_strategy=cascading");
    }

    /** MLRun's log_model: uploads the training set (CSV or Parquet) and optionally the model file. */
    public JsonNode logModel(String project, String name, String version, String framework, String labelColumn,
                             Path modelFile, Path trainingSet) {
        return logModel(project, name, version, framework, labelColumn, modelFile, trainingSet, null);
    }

    /** {@code log_model} with a scored validation set (null: none), the model-performance app's reference. */
    public JsonNode logModel(String project, String name, String version, String framework, String labelColumn,
                             Path modelFile, Path trainingSet, ValidationSetFile validation) {
        try {
            Multipart m = new Multipart().field("name", name).field("version", version).field("framework", framework)
                    .field("label_column", labelColumn).file("model_file", modelFile).file("training_set", trainingSet);
            if (validation != null) {
                m.file("validation_set", validation.file()).field("validation_label_column", validation.labelColumn())
                        .field("prediction_column", validation.predictionColumn())
                        .field("probability_columns", validation.probabilityColumns());
            }
            String ct = m.contentType();
            return send(HttpRequest.newBuilder(uri("/projects/" + project + "/models")).header("Content-Type", ct)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(m.finish())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Endpoints of a project; {@code filters} are query parameters (model, function, label=k=v, start, end). */
    public JsonNode endpoints(String project, Map<String, String> filters) {
        return get("/projects/" + project + "/model-endpoints" + query(filters));
    }

    public JsonNode endpoint(String project, String uid, boolean featureAnalysis) {
        return get("/projects/" + project + "/model-endpoints/" + uid + (featureAnalysis ? "?feature_analysis=true" : ""));
    }

    public void deleteEndpoint(String project, String uid) {
        delete("/projects/" + project + "/model-endpoints/" + uid);
    }

    /** Enables monitoring; {@code basePeriod} in minutes or as a duration ({@code 30s}); null keeps the current one. */
    public JsonNode enableMonitoring(String project, String basePeriod, boolean deployDefaultApp) {
        return post("/projects/" + project + "/model-monitoring/enable-model-monitoring"
                + query(params("base_period", basePeriod, "deploy_histogram_data_drift_app", Boolean.toString(deployDefaultApp))), null);
    }

    public JsonNode disableMonitoring(String project) {
        return delete("/projects/" + project + "/model-monitoring/disable-model-monitoring");
    }

    /** Runs the controller once; returns the number of windows analysed. */
    public int runController(String project) {
        return post("/projects/" + project + "/model-monitoring/controller/run", null).path("windows").asInt();
    }

    public JsonNode registerApp(String project, String name, String className, String jar, Map<String, String> params) {
        return post("/projects/" + project + "/model-monitoring/functions", appBody(name, className, jar, params));
    }

    private static ObjectNode appBody(String name, String className, String jar, Map<String, String> params) {
        ObjectNode body = MAPPER.createObjectNode().put("name", name);
        if (className != null) {
            body.put("class_name", className);
        }
        if (jar != null) {
            body.put("jar", jar);
        }
        if (params != null) {
            params.forEach(body.putObject("params")::put);
        }
        return body;
    }

    /**
     * MLRun's {@code create_model_monitoring_function}: checks the app as {@link #registerApp} does and returns its
     * spec ({@code "registered": false}) without registering it ({@code POST …/functions?dry_run=true}).
     */
    public JsonNode createApp(String project, String name, String className, String jar, Map<String, String> params) {
        return post("/projects/" + project + "/model-monitoring/functions?dry_run=true",
                appBody(name, className, jar, params));
    }

    public JsonNode apps(String project) {
        return get("/projects/" + project + "/model-monitoring/functions");
    }

    public void removeApp(String project, String name) {
        delete("/projects/" + project + "/model-monitoring/functions/" + name);
    }

    /** The results/metrics of an endpoint ({@code type} results, metrics or all). */
    public JsonNode metrics(String project, String uid, String type) {
        return get("/projects/" + project + "/model-endpoints/" + uid + "/metrics" + query(params("type", type)));
    }

    /** Values of results/metrics by full name; null start/end = the server's default (last 24 h). */
    public JsonNode metricsValues(String project, String uid, List<String> fullNames, String start, String end) {
        StringJoiner q = new StringJoiner("&", "?", "");
        fullNames.forEach(n -> q.add("name=" + enc(n)));
        if (start != null) {
            q.add("start=" + enc(start));
        }
        if (end != null) {
            q.add("end=" + enc(end));
        }
        return get("/projects/" + project + "/model-endpoints/" + uid + "/metrics-values" + q);
    }

    /**
     * The endpoint's drift over {@code [start, end)} from its window summaries ({@code GET …/drift}): per-feature
     * tvd/hellinger/kld, general_drift, status, rows, cells and the covered span, against {@code baseline}
     * ({@code reference}, {@code previous} or {@code <start>/<end>}; null: reference). Null times: the last week.
     */
    public JsonNode drift(String project, String uid, String start, String end, String baseline) {
        return get("/projects/" + project + "/model-endpoints/" + uid + "/drift"
                + query("start", start, "end", end, "baseline", baseline));
    }

    /**
     * One drift point per bucket of {@code [start, end)} ({@code GET …/drift/series}); {@code granularity}
     * {@code hour}, {@code day}, {@code week} or {@code window} (null: hour).
     */
    public JsonNode driftSeries(String project, String uid, String start, String end, String granularity,
                                String baseline) {
        return get("/projects/" + project + "/model-endpoints/" + uid + "/drift/series"
                + query("start", start, "end", end, "granularity", granularity, "baseline", baseline));
    }

    /** {@code ?k=v&…} of the pairs whose value is not null ("" when none). */
    private static String query(String... pairs) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                q.add(pairs[i] + "=" + enc(pairs[i + 1]));
            }
        }
        return q.toString();
    }

    /** Sends events (JSON objects) in one request; returns {@code {"accepted", "offset"}}. Retries 429. */
    public JsonNode ingest(String project, List<? extends JsonNode> events) {
        return ingestBody(project, MAPPER.createArrayNode().addAll(events).toString().getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    /**
     * Sends ground-truth labels of an endpoint ({@code POST …/model-endpoints/{uid}/labels}): each a JSON object
     * {@code {"request_id", "row"?, "label"}}. Returns {@code {"accepted", "unmatched", "unmatched_request_ids",
     * "label_delay", "offset"}}; labels for unknown or expired predictions are counted in {@code unmatched}.
     */
    public JsonNode sendLabels(String project, String uid, List<? extends JsonNode> labels) {
        return post("/projects/" + project + "/model-endpoints/" + uid + "/labels",
                MAPPER.createArrayNode().addAll(labels));
    }

    /** Sends a raw body (JSON or NDJSON per {@code contentType}); retries 429 answers. */
    public JsonNode ingestBody(String project, byte[] body, String contentType) {
        URI u = uri("/projects/" + project + "/model-monitoring/stream");
        for (int attempt = 0; ; attempt++) {
            try {
                return send(HttpRequest.newBuilder(u).header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
            } catch (Backpressure e) {
                if (attempt >= 5) {
                    throw new DriftwatchException(429, "backpressure", "still throttled after " + attempt + " retries");
                }
                sleep(e.retryAfterSeconds);
            }
        }
    }

    /** Creates a serving function (MLRun's {@code new_function(kind="serving")}); {@code tag} may be null. */
    public JsonNode createServingFunction(String project, String name, String tag) {
        ObjectNode body = MAPPER.createObjectNode().put("name", name);
        if (tag != null) {
            body.put("tag", tag);
        }
        return post("/projects/" + project + "/serving-functions", body);
    }

    /** Serves a logged model (its {@code .onnx} file, or {@code modelClass}); version/modelClass may be null. */
    public JsonNode addServingModel(String project, String function, String model, String version, String modelClass) {
        ObjectNode body = MAPPER.createObjectNode().put("model", model);
        if (version != null) {
            body.put("version", version);
        }
        if (modelClass != null) {
            body.put("model_class", modelClass);
        }
        return post("/projects/" + project + "/serving-functions/" + function + "/models", body);
    }

    /** MLRun's {@code set_tracking}: tracking on/off with a sampling rate in (0, 1]. */
    public JsonNode setTracking(String project, String function, boolean enabled, double sampleRate) {
        return send(HttpRequest.newBuilder(uri("/projects/" + project + "/serving-functions/" + function + "/tracking"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        MAPPER.createObjectNode().put("enabled", enabled).put("sample_rate", sampleRate).toString())));
    }

    public JsonNode deployServingFunction(String project, String function) {
        return post("/projects/" + project + "/serving-functions/" + function + "/deploy", null);
    }

    public JsonNode servingFunctions(String project) {
        return get("/projects/" + project + "/serving-functions");
    }

    /**
     * MLRun's {@code invoke}: a request to a deployed function, e.g. {@code invoke("p/fn", "v2/models/m/infer", body)};
     * a null body sends a GET.
     */
    public JsonNode invoke(String function, String path, String body) {
        String root = base.substring(0, base.length() - "/api/v1".length());
        URI u = URI.create(root + "/serving/" + function.replaceAll("^/+|/+$", "") + "/" + path.replaceAll("^/+", ""));
        HttpRequest.Builder b = HttpRequest.newBuilder(u);
        return send(body == null ? b.GET() : b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Uploads historical predictions (MLRun's {@code record_results}): a CSV or Parquet file with a timestamp column.
     * With {@code uid} it goes to that endpoint ({@code model}/{@code endpoint} may create it), else to the endpoint
     * named {@code endpoint} (default {@code batch-infer}) of {@code model}. Null arguments use the server defaults.
     */
    public JsonNode uploadBatch(String project, String uid, String endpoint, String model, Path file,
                                String timestampColumn, String labelColumns) {
        try {
            Multipart m = new Multipart().field("model", model).field("endpoint", endpoint)
                    .field("timestamp_column", timestampColumn).field("label_columns", labelColumns).file("file", file);
            String path = uid != null ? "/projects/" + project + "/model-endpoints/" + uid + "/batch"
                    : "/projects/" + project + "/model-monitoring/batch";
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", m.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(m.finish())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A batching tracker: events are sent when {@code batchSize} are queued or on {@link Tracker#flush()}. */
    public Tracker tracker(String project, int batchSize) {
        return new Tracker(this, project, batchSize);
    }

    private JsonNode send(HttpRequest.Builder b) {
        if (accessKey != null) {
            b.header("Authorization", "Bearer " + accessKey);
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Driftwatch at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (r.statusCode() == 429) {
            throw new Backpressure(r.headers().firstValueAsLong("Retry-After").orElse(1));
        }
        JsonNode body = parse(r.body());
        if (r.statusCode() >= 400) {
            throw new DriftwatchException(r.statusCode(), body.path("error").path("code").asText("http_" + r.statusCode()),
                    body.path("error").path("message").asText(r.body()));
        }
        return body;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return MAPPER.nullNode();
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(text);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private static String query(Map<String, String> params) {
        if (params == null || params.isEmpty()) {
            return "";
        }
        StringJoiner q = new StringJoiner("&", "?", "");
        params.forEach((k, v) -> q.add(enc(k) + "=" + enc(v)));
        return q.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(Duration.ofSeconds(Math.max(1, seconds)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static final class Backpressure extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;
        final long retryAfterSeconds;

        Backpressure(long retryAfterSeconds) {
            super("429", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }
}
