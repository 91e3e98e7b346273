package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.alerts.AlertActivation.Delivery;
import io.driftwatch.engine.alerts.AlertActivation.Status;
import io.driftwatch.engine.alerts.AlertConfig.Criteria;
import io.driftwatch.engine.alerts.AlertConfig.Entities;
import io.driftwatch.engine.alerts.AlertConfig.NotificationSpec;
import io.driftwatch.engine.alerts.AlertConfig.ResetPolicy;
import io.driftwatch.engine.alerts.AlertConfig.Severity;
import io.driftwatch.engine.alerts.AlertConfig.Threshold;
import io.driftwatch.engine.alerts.AlertConfig.Trigger;
import io.driftwatch.engine.event.EngineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden files of the two alert documents the stores keep: the alert config ({@link AlertConfigJson}, unmasked) and
 * the alert activation ({@link ActivationJson}). Today's code writes exactly the committed documents (kept
 * pretty-printed; the stores keep the same tree compact), and the committed documents read back as the records
 * they were written from. Regenerate with {@code -Dgolden.update=true} (see {@link GoldenFiles}).
 */
class AlertJsonGoldenTest {
    private static final String CONFIG = "alert-config.json";
    private static final String ACTIVATION = "alert-activation.json";
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");

    static AlertConfig config() {
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("url", "https://hooks.example/alerts?token=s3cret");
        webhook.put("method", "PUT");
        webhook.put("headers", Map.of("Authorization", "Bearer abc"));
        webhook.put("body", "{\"text\": \"{{summary}}\"}");
        return new AlertConfig("my-proj", "latency-and-drift", "p99 latency or drift on the fraud model",
                "{{name}}: {{kind}} on {{entity}}", Severity.HIGH,
                new Entities(EngineEvent.ENTITY_RESULT, "my-proj", "e355f3b2cea8fd6f23fefd4e80454e72be879efd"),
                new Trigger(List.of("data-drift-detected", EventKinds.SYSTEM_PERFORMANCE_DETECTED),
                        List.of(new Threshold(ThresholdMetric.LATENCY_P99_MS, 250.5, Duration.ofMinutes(5), 20),
                                new Threshold(ThresholdMetric.ERROR_RATE, 0.05, Duration.ofSeconds(90), 1))),
                new Criteria(2, Duration.ofMinutes(30)), ResetPolicy.MANUAL,
                List.of(new NotificationSpec("webhook", webhook, Duration.ofHours(1)),
                        new NotificationSpec("slack", Map.of("webhook", "https://hooks.slack.example/T/B/C"),
                                Duration.ZERO),
                        new NotificationSpec("console", Map.of(), Duration.ofMillis(1500))));
    }

    static AlertActivation activation() {
        String entity = "e355f3b2cea8fd6f23fefd4e80454e72be879efd.histogram-data-drift.result.general_drift";
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("app_name", "histogram-data-drift");
        value.put("model_endpoint_id", "e355f3b2cea8fd6f23fefd4e80454e72be879efd");
        value.put("result_name", "general_drift");
        value.put("result_value", 0.8125);
        value.put("result_status", 2);
        List<EngineEvent> events = List.of(
                new EngineEvent("data-drift-detected", "my-proj", EngineEvent.ENTITY_RESULT, entity, value, T0),
                new EngineEvent("data-drift-detected", "my-proj", EngineEvent.ENTITY_RESULT, entity, value,
                        T0.plusSeconds(600).plusMillis(250)));
        return AlertActivation.builder().id("0f7c2b9e-5d1a-4c3b-9e8f-112233445566").project("my-proj")
                .alert("latency-and-drift").severity(Severity.HIGH)
                .summary("latency-and-drift: data-drift-detected on " + entity).resetPolicy(ResetPolicy.MANUAL)
                .entityKind(EngineEvent.ENTITY_RESULT).entityId(entity)
                .endpoints(List.of("e355f3b2cea8fd6f23fefd4e80454e72be879efd"))
                .time(T0.plusSeconds(600).plusMillis(250)).active(false).resetTime(T0.plusSeconds(3600))
                .resetBy("manual").events(events).ignoredEvents(3).notifications(List.of(
                        new Delivery(0, "webhook", Status.SENT, 1, null, T0.plusSeconds(601)),
                        new Delivery(1, "slack", Status.FAILED, 3, "HTTP 500 from hooks.slack.example",
                                T0.plusSeconds(605)),
                        new Delivery(2, "console", Status.SKIPPED_COOLDOWN, 0, null, T0.plusSeconds(600)),
                        new Delivery(3, "email", Status.PENDING, 1, null, null)))
                .build();
    }

    @Test
    void writingAConfigGivesTheGoldenDocument() throws Exception {
        var json = AlertConfigJson.toJson(config(), false);
        GoldenFiles.assertText(CONFIG, GoldenFiles.pretty(json));
        assertThat(AlertConfigJson.MAPPER.readTree(GoldenFiles.read(CONFIG)).toString()).isEqualTo(json.toString());
    }

    @Test
    void theGoldenConfigReadsAsTheConfig() throws Exception {
        assertThat(AlertConfigJson.fromStored("my-proj", "latency-and-drift", GoldenFiles.read(CONFIG)))
                .isEqualTo(config());
    }

    @Test
    void writingAnActivationGivesTheGoldenDocument() throws Exception {
        String stored = ActivationJson.write(activation());
        GoldenFiles.assertText(ACTIVATION, GoldenFiles.pretty(AlertConfigJson.MAPPER.readTree(stored)));
        assertThat(AlertConfigJson.MAPPER.readTree(GoldenFiles.read(ACTIVATION)).toString()).isEqualTo(stored);
    }

    @Test
    void theGoldenActivationReadsAsTheActivation() throws Exception {
        assertThat(ActivationJson.read(GoldenFiles.read(ACTIVATION))).isEqualTo(activation());
    }
}
