package io.driftwatch.engine.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ready-made alert configs for the common cases (MLRun's system templates and more). Each is a complete config
 * body with a console notification: {@code PUT /api/v1/projects/{p}/alerts/{name}} accepts it as it is, or with
 * the notifications replaced. Templates: {@code data-drift-detected} (high), {@code data-drift-suspected}
 * (medium), {@code model-performance-detected} (high) and {@code model-performance-suspected} (medium) on the
 * statuses of the {@code model-performance} app's results, {@code app-failed} (medium, MLRun's JobFailed for monitoring apps), {@code latency-p99} (p99 latency
 * over 1 s in 5 min), {@code error-rate} (over 5 % of requests in 5 min, at least 20 requests).
 */
public final class AlertTemplates {
    private static final Map<String, String> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("data-drift-detected", """
                {"description": "Data drift detected on a model endpoint",
                 "summary": "Data drift detected on {{entity}} (project {{project}})", "severity": "high",
                 "entities": {"kind": "model-endpoint-result", "ids": ["*"]},
                 "trigger": {"events": ["data-drift-detected"]}, "criteria": {"count": 1, "period": "10m"},
                 "reset_policy": "auto", "notifications": [{"kind": "console", "cooldown_period": "0s"}]}""");
        TEMPLATES.put("data-drift-suspected", """
                {"description": "Data drift suspected on a model endpoint",
                 "summary": "Data drift suspected on {{entity}} (project {{project}})", "severity": "medium",
                 "entities": {"kind": "model-endpoint-result", "ids": ["*"]},
                 "trigger": {"events": ["data-drift-suspected"]}, "criteria": {"count": 1, "period": "10m"},
                 "reset_policy": "auto", "notifications": [{"kind": "console", "cooldown_period": "0s"}]}""");
        TEMPLATES.put("model-performance-detected", """
                {"description": "Model performance dropped on a model endpoint (model-performance app, issue 20)",
                 "summary": "Model performance dropped on {{entity}} (project {{project}})", "severity": "high",
                 "entities": {"kind": "model-endpoint-result", "ids": ["*"]},
                 "trigger": {"events": ["model-performance-detected"]}, "criteria": {"count": 1, "period": "10m"},
                 "reset_policy": "auto", "notifications": [{"kind": "console", "cooldown_period": "0s"}]}""");
        TEMPLATES.put("model-performance-suspected", """
                {"description": "Model performance may have dropped on a model endpoint (model-performance app)",
                 "summary": "Model performance drop suspected on {{entity}} (project {{project}})",
                 "severity": "medium", "entities": {"kind": "model-endpoint-result", "ids": ["*"]},
                 "trigger": {"events": ["model-performance-suspected"]}, "criteria": {"count": 1, "period": "10m"},
                 "reset_policy": "auto", "notifications": [{"kind": "console", "cooldown_period": "0s"}]}""");
        TEMPLATES.put("app-failed", """
                {"description": "A monitoring application failed or timed out",
                 "summary": "Monitoring application {{entity}} failed (project {{project}})", "severity": "medium",
                 "entities": {"kind": "model-monitoring-application", "ids": ["*"]},
                 "trigger": {"events": ["mm-app-failed"]}, "criteria": {"count": 1, "period": "10m"},
                 "reset_policy": "auto", "notifications": [{"kind": "console", "cooldown_period": "10m"}]}""");
        TEMPLATES.put("latency-p99", """
                {"description": "p99 latency of a model endpoint over 1 s in the last 5 minutes",
                 "summary": "p99 latency over threshold on {{endpoint}} (project {{project}})", "severity": "high",
                 "entities": {"kind": "model-endpoint-result", "ids": ["*"]},
                 "trigger": {"events": ["system-performance-detected"],
                             "thresholds": [{"metric": "latency_p99_ms", "above": 1000, "window": "5m",
                                             "min_requests": 10}]},
                 "criteria": {"count": 1, "period": "10m"}, "reset_policy": "auto",
                 "notifications": [{"kind": "console", "cooldown_period": "15m"}]}""");
        TEMPLATES.put("error-rate", """
                {"description": "Error rate of a model endpoint over 5% in the last 5 minutes",
                 "summary": "Error rate over threshold on {{endpoint}} (project {{project}})", "severity": "high",
                 "entities": {"kind": "model-endpoint-result", "ids": ["*"]},
                 "trigger": {"events": ["system-performance-detected"],
                             "thresholds": [{"metric": "error_rate", "above": 0.05, "window": "5m",
                                             "min_requests": 20}]},
                 "criteria": {"count": 1, "period": "10m"}, "reset_policy": "auto",
                 "notifications": [{"kind": "console", "cooldown_period": "15m"}]}""");
    }

    private AlertTemplates() {
    }

    /** Template names in a stable order. */
    public static List<String> names() {
        return List.copyOf(TEMPLATES.keySet());
    }

    /** A fresh copy of the template's config body. */
    public static Optional<ObjectNode> get(String name) {
        String json = TEMPLATES.get(name);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((ObjectNode) AlertConfigJson.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("template " + name + " is not JSON", e);
        }
    }
}
