package io.driftwatch.server.pyapps;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.AppOutput;
import io.driftwatch.FeatureStats;
import io.driftwatch.Metric;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringContext;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.SampleFrame;
import io.driftwatch.server.http.Json;
import io.driftwatch.stats.json.FeatureStatsJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A monitoring app run by a Python worker (registered with {@code runtime: "python"}): each window becomes a task
 * in the {@link PythonTaskBroker}; the worker's answer ({@code results}, {@code metrics}, {@code artifacts}, or
 * {@code error}) becomes this app's output. Params: {@code timeout} (default {@code 50s}: no answer by then is a
 * failure, so an {@code mm-app-failed}) and {@code lease} (default {@code 30s}: a worker that does not answer
 * within it loses the task to another worker).
 */
public final class PythonApp implements MonitoringApplication {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private final PythonTaskBroker broker;
    private final Duration timeout;
    private final Duration lease;

    /** An app with its params ({@code timeout}, {@code lease}: durations such as {@code 30s} or seconds). */
    public PythonApp(Map<String, String> params) {
        this(PythonTaskBroker.shared(), params);
    }

    PythonApp(PythonTaskBroker broker, Map<String, String> params) {
        this.broker = broker;
        this.timeout = duration(params, "timeout", Duration.ofSeconds(50));
        this.lease = duration(params, "lease", Duration.ofSeconds(30));
    }

    /** The lease a worker gets on a task of this app. */
    public Duration lease() {
        return lease;
    }

    @Override
    public AppOutput doTracking(MonitoringContext ctx) throws Exception {
        PythonTaskBroker.Submitted s = broker.submit(ctx.project(), ctx.applicationName(), payload(ctx, lease));
        JsonNode answer;
        try {
            answer = s.answer().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            broker.cancel(s.taskId());
            throw new TimeoutException("no Python worker answered for app '" + ctx.applicationName() + "' within "
                    + timeout.toSeconds() + " s (start one: python -m driftwatch.apps --app module:Class --project "
                    + ctx.project() + ")");
        } catch (InterruptedException e) {
            broker.cancel(s.taskId());
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Python app '" + ctx.applicationName() + "' task failed", e.getCause());
        }
        if (answer.hasNonNull("error")) {
            throw new PythonAppException(ctx.applicationName(), answer.get("error").asText());
        }
        logArtifacts(ctx, answer.path("artifacts"));
        return AppOutput.of(results(answer.path("results")), metrics(answer.path("metrics")));
    }

    /** The task a worker receives: the window, the endpoint, its reference stats and the window's rows. */
    static ObjectNode payload(MonitoringContext ctx, Duration lease) {
        ObjectNode p = Json.object().put("project", ctx.project()).put("application_name", ctx.applicationName())
                .put("endpoint_id", ctx.endpoint().uid()).put("endpoint_name", ctx.endpoint().spec().model())
                .put("start_infer_time", Json.time(ctx.window().start()))
                .put("end_infer_time", Json.time(ctx.window().end()));
        ctx.featureNames().forEach(p.putArray("feature_names")::add);
        ctx.labelNames().forEach(p.putArray("label_names")::add);
        FeatureStats stats = ctx.featureStats();
        p.set("feature_stats", stats == null ? Json.object() : FeatureStatsJson.toTree(stats));
        p.set("sample", sample(ctx.sampleFrame()));
        return p;
    }

    private static ObjectNode sample(SampleFrame frame) {
        ObjectNode columns = Json.object();
        ArrayNode ts = columns.putArray("timestamp");
        frame.timestamps().forEach(t -> ts.add(Json.time(t)));
        for (String c : frame.columnNames()) {
            if (!c.equals("timestamp")) {
                columns.set(c, Json.MAPPER.valueToTree(frame.values(c)));
            }
        }
        return columns;
    }

    private static List<Result> results(JsonNode arr) {
        List<Result> out = new ArrayList<>();
        for (JsonNode r : arr) {
            Map<String, Object> extra = r.path("extra_data").isObject()
                    ? Json.MAPPER.convertValue(r.get("extra_data"), MAP) : Map.of();
            out.add(new Result(r.path("name").asText(), r.path("value").asDouble(),
                    ResultKind.parse(r.path("kind").asText("0")), status(r.path("status")), extra));
        }
        return out;
    }

    private static ResultStatus status(JsonNode s) {
        return s.isNumber() ? ResultStatus.ofCode(s.asInt()) : ResultStatus.valueOf(s.asText("no_detection").toUpperCase());
    }

    private static List<Metric> metrics(JsonNode arr) {
        List<Metric> out = new ArrayList<>();
        arr.forEach(m -> out.add(new Metric(m.path("name").asText(), m.path("value").asDouble())));
        return out;
    }

    private static void logArtifacts(MonitoringContext ctx, JsonNode arr) {
        for (JsonNode a : arr) {
            byte[] content = a.has("content_base64") ? Base64.getDecoder().decode(a.get("content_base64").asText())
                    : a.path("content").asText("").getBytes(StandardCharsets.UTF_8);
            ctx.logArtifact(a.path("name").asText(), a.path("content_type").asText("text/plain"), content);
        }
    }

    private static Duration duration(Map<String, String> params, String key, Duration dflt) {
        String v = params == null ? null : params.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        String t = v.strip().toLowerCase();
        try {
            Duration d = t.startsWith("pt") ? Duration.parse(t.toUpperCase())
                    : Duration.ofMillis(Math.round(Double.parseDouble(t.endsWith("s") ? t.substring(0, t.length() - 1) : t) * 1000));
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("param '" + key + "' must be positive, got '" + v + "'");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("param '" + key + "': expected seconds such as 30s, got '" + v + "'", e);
        }
    }
}
