package io.driftwatch.server.grafana;

import io.driftwatch.ResultStatus;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One SimpleJson target, MLRun's {@code k=v;k=v} form (e.g. {@code target_endpoint=list_endpoints;project=p}), with
 * the query's time range and step. Bad input (no {@code target_endpoint}, a part without {@code =}, a missing or
 * unknown parameter, a bad duration) is a 400 naming it.
 *
 * @param endpoint the {@code target_endpoint} value
 * @param params   the other parameters
 * @param from     range start (inclusive)
 * @param to       range end (exclusive)
 * @param step     the series resolution: Grafana's {@code intervalMs}, widened to keep at most
 *                 {@link #MAX_POINTS} points; a {@code step} parameter overrides it
 */
record GrafanaTarget(String endpoint, Map<String, String> params, Instant from, Instant to, Duration step) {
    /** The most points one series may have. */
    static final int MAX_POINTS = 11_000;

    static GrafanaTarget parse(String text, Instant from, Instant to, Duration interval) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("empty Grafana target: expected target_endpoint=<name>;key=value;...");
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw ApiException.badRequest("Grafana target part '" + p + "' is not key=value in '" + text + "'");
            }
            params.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        String endpoint = params.remove("target_endpoint");
        if (endpoint == null || endpoint.isEmpty()) {
            throw ApiException.badRequest("Grafana target '" + text + "' has no target_endpoint");
        }
        if (!to.isAfter(from)) {
            throw ApiException.badRequest("Grafana range end " + to + " is not after its start " + from);
        }
        Duration step = params.containsKey("step") ? duration(params, "step") : interval;
        long minMillis = Math.ceilDiv(Duration.between(from, to).toMillis(), MAX_POINTS - 1);
        step = Duration.ofMillis(Math.max(Math.max(step.toMillis(), minMillis), 1000));
        return new GrafanaTarget(endpoint, Map.copyOf(params), from, to, step);
    }

    /** 400 naming every parameter not in {@code allowed}. */
    GrafanaTarget allow(String... allowed) {
        Set<String> unknown = new TreeSet<>(params.keySet());
        unknown.removeAll(Set.of(allowed));
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown parameter(s) " + unknown + " for Grafana target " + endpoint
                    + "; accepted: " + new TreeSet<>(Set.of(allowed)));
        }
        return this;
    }

    /** A required parameter (400 naming it when missing or still an uninterpolated {@code $variable}). */
    String require(String name) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            throw ApiException.badRequest("Grafana target " + endpoint + " needs " + name + "=...");
        }
        if (v.startsWith("$")) {
            throw ApiException.badRequest("Grafana target " + endpoint + ": " + name + " is the uninterpolated variable "
                    + v + " (define it on the dashboard)");
        }
        return v;
    }

    /** An optional parameter; null when absent, empty or Grafana's "All" ({@code *}, {@code $__all}). */
    String optional(String name) {
        String v = params.get(name);
        return v == null || v.isEmpty() || v.equals("*") || v.equals("$__all") || v.equals("All") ? null : v;
    }

    /**
     * The {@code status} parameter: result statuses by wire name or code, comma-separated (e.g.
     * {@code potential_detection,detected} or {@code 1,2}); every status when absent or "All". An unknown one is a
     * 400 naming it.
     */
    Set<ResultStatus> statuses() {
        String v = optional("status");
        if (v == null) {
            return EnumSet.allOf(ResultStatus.class);
        }
        Set<ResultStatus> out = EnumSet.noneOf(ResultStatus.class);
        for (String part : v.split(",")) {
            out.add(status(part.trim()));
        }
        return out;
    }

    private ResultStatus status(String s) {
        for (ResultStatus r : ResultStatus.values()) {
            if (r.wireName().equals(s) || Integer.toString(r.code()).equals(s)) {
                return r;
            }
        }
        throw ApiException.badRequest("Grafana target " + endpoint + ": unknown status '" + s + "'; accepted: "
                + Arrays.stream(ResultStatus.values()).map(r -> r.wireName() + " (" + r.code() + ")").toList());
    }

    /** A duration parameter ({@code 5s}, {@code 5m}, {@code 1h}, {@code PT5M}) with a default. */
    Duration duration(String name, Duration dflt) {
        return params.containsKey(name) ? duration(params, name) : dflt;
    }

    private static Duration duration(Map<String, String> params, String name) {
        String v = params.get(name);
        try {
            Duration d = Durations.parse(v);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw ApiException.badRequest("Grafana target parameter " + name + "='" + v
                    + "' is not a positive duration such as 5s, 5m or 1h");
        }
    }
}
