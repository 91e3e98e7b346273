package io.driftwatch.server.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /projects/{p}/ui/endpoints/{uid}/operations?start&end} (default the last 24 h): the endpoint's
 * operational figures over time, in {@value #BUCKETS} equal buckets (at least 10 s each) of the range, from the
 * time-series store's per-event predictions and errors. Per bucket: {@code predictions_per_second} (rows / bucket
 * seconds), {@code latency_avg} (row-weighted mean, µs — the headline definition of
 * {@link io.driftwatch.server.http.HeadlineFigures}), {@code latency_p50|p95|p99} (nearest-rank percentiles over
 * events, µs; null in a bucket without events), {@code errors} and, per custom metric, the event mean
 * ({@code custom_metrics}). {@code totals} holds the same figures over the whole range; {@code as_of} the server
 * time of the answer. Cost: every event of the range is read once and its latency kept (8 B per event).
 */
final class UiOperations {
    static final int BUCKETS = 60;
    private static final long MIN_STEP_MS = 10_000;
    private static final Duration MAX_RANGE = Duration.ofDays(31);
    private final Backend backend;

    UiOperations(Backend backend) {
        this.backend = backend;
    }

    void register(RoutesConfig r) {
        r.get(ApiServer.PREFIX + "/projects/{p}/ui/endpoints/{uid}/operations", this::operations);
    }

    private void operations(Context ctx) {
        Query.allow(ctx, "start", "end");
        ModelEndpoint ep = backend.requireEndpoint(ctx.pathParam("p"), ctx.pathParam("uid"));
        Instant now = backend.clock().instant();
        Instant end = Optional.ofNullable(Query.time(ctx, "end", now)).orElse(now);
        Instant start = Optional.ofNullable(Query.time(ctx, "start", now)).orElse(end.minus(Duration.ofHours(24)));
        Responses.json(ctx, 200, figures(ep, start, end, now));
    }

    /**
     * The body of {@code GET …/operations?start&end} for {@code ep}, {@code as_of} = {@code now}.
     *
     * @throws ApiException 400 unless 0 &lt; end − start &le; 31 days
     */
    ObjectNode figures(ModelEndpoint ep, Instant start, Instant end, Instant now) {
        String p = ep.project();
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw ApiException.badRequest("start " + start + " to end " + end + " must be a range of at most 31 days");
        }
        long step = Math.max(MIN_STEP_MS, (Duration.between(start, end).toMillis() + BUCKETS - 1) / BUCKETS);
        int n = (int) ((Duration.between(start, end).toMillis() + step - 1) / step);
        Buckets b = new Buckets(n);
        for (TimeSeriesRecords.Prediction x : backend.timeSeries().predictions(p, ep.uid(), start, end)) {
            b.add((int) ((x.time().toEpochMilli() - start.toEpochMilli()) / step), x);
        }
        for (TimeSeriesRecords.ErrorEvent e : backend.timeSeries().errors(p, ep.uid(), start, end)) {
            b.errors[(int) ((e.time().toEpochMilli() - start.toEpochMilli()) / step)]++;
        }
        ObjectNode out = Json.object().put("as_of", Json.time(now)).put("start", Json.time(start))
                .put("end", Json.time(end)).put("step_seconds", step / 1000.0);
        ArrayNode times = out.putArray("times");
        for (int i = 0; i < n; i++) {
            times.add(Json.time(start.plusMillis(step * i)));
        }
        b.write(out, step / 1000.0);
        return out;
    }

    /** Nearest-rank percentile q of sorted {@code v} (non-empty). */
    static long percentile(long[] v, double q) {
        int rank = (int) Math.ceil(q * v.length);
        return v[Math.max(0, Math.min(v.length, rank) - 1)];
    }

    private static final class Buckets {
        final long[] rows;
        final double[] weighted;
        final long[] errors;
        final List<List<Long>> latencies;
        final Map<String, double[][]> custom = new TreeMap<>();

        Buckets(int n) {
            rows = new long[n];
            weighted = new double[n];
            errors = new long[n];
            latencies = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                latencies.add(new ArrayList<>());
            }
        }

        void add(int i, TimeSeriesRecords.Prediction x) {
            rows[i] += x.rows();
            weighted[i] += (double) x.latencyMicros() * x.rows();
            latencies.get(i).add(x.latencyMicros());
            x.customMetrics().forEach((k, v) -> {
                double[][] sums = custom.computeIfAbsent(k, key -> new double[2][rows.length]);
                sums[0][i] += v;
                sums[1][i]++;
            });
        }

        void write(ObjectNode out, double stepSeconds) {
            ArrayNode pps = out.putArray("predictions_per_second");
            ArrayNode avg = out.putArray("latency_avg");
            ArrayNode[] pct = {out.putArray("latency_p50"), out.putArray("latency_p95"), out.putArray("latency_p99")};
            ArrayNode errs = out.putArray("errors");
            List<Long> all = new ArrayList<>();
            for (int i = 0; i < rows.length; i++) {
                pps.add(rows[i] / stepSeconds);
                errs.add(errors[i]);
                all.addAll(latencies.get(i));
                number(avg, rows[i] == 0 ? null : weighted[i] / rows[i]);
                percentiles(pct, latencies.get(i));
            }
            ObjectNode cm = out.putObject("custom_metrics");
            custom.forEach((k, sums) -> {
                ArrayNode a = cm.putArray(k);
                for (int i = 0; i < rows.length; i++) {
                    number(a, sums[1][i] == 0 ? null : sums[0][i] / sums[1][i]);
                }
            });
            totals(out.putObject("totals"), stepSeconds, all);
        }

        private void totals(ObjectNode t, double stepSeconds, List<Long> all) {
            long total = Arrays.stream(rows).sum();
            t.put("predictions", total).put("events", all.size()).put("errors", Arrays.stream(errors).sum())
                    .put("predictions_per_second", total / (stepSeconds * rows.length));
            t.put("latency_avg", total == 0 ? null : Arrays.stream(weighted).sum() / total);
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            for (String q : List.of("50", "95", "99")) {
                t.put("latency_p" + q, sorted.length == 0 ? null : percentile(sorted, Integer.parseInt(q) / 100.0));
            }
        }

        private static void percentiles(ArrayNode[] pct, List<Long> l) {
            long[] v = l.stream().mapToLong(Long::longValue).sorted().toArray();
            double[] qs = {0.5, 0.95, 0.99};
            for (int j = 0; j < qs.length; j++) {
                number(pct[j], v.length == 0 ? null : (double) percentile(v, qs[j]));
            }
        }

        private static void number(ArrayNode a, Double v) {
            if (v == null) {
                a.addNull();
            } else {
                a.add(v);
            }
        }
    }
}
