package io.driftwatch.engine.alerts;

import static io.driftwatch.engine.alerts.AlertTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertConfigJsonTest {
    private static final String VALID = "{'summary': 's', 'severity': 'high',"
            + " 'entities': {'kind': 'model-endpoint-result', 'project': 'p', 'ids': ['*']},"
            + " 'trigger': {'events': ['data-drift-detected']}, 'criteria': {'count': 2, 'period': '30m'},"
            + " 'reset_policy': 'manual', 'notifications': [{'kind': 'email', 'params': {'host': 'smtp.example',"
            + " 'username': 'u', 'password': 'pw', 'from': 'a@example.com', 'to': 'b@example.com'},"
            + " 'cooldown_period': '1h'}]}";

    @Test
    void parsesFillsDefaultsAndRoundTrips() {
        AlertConfig c = AlertConfigJson.parse("p", "a-1", json(VALID));
        assertThat(c.criteria().count()).isEqualTo(2);
        assertThat(c.criteria().period()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.resetPolicy()).isEqualTo(AlertConfig.ResetPolicy.MANUAL);
        assertThat(c.notifications().get(0).params()).containsEntry("port", 587).containsEntry("starttls", true)
                .containsEntry("to", List.of("b@example.com"));
        assertThat(c.notifications().get(0).cooldown()).isEqualTo(Duration.ofHours(1));
        ObjectNode out = AlertConfigJson.toJson(c, false);
        assertThat(AlertConfigJson.parse("p", "a-1", out)).isEqualTo(c);
        assertThat(AlertConfigJson.toJson(c, true).at("/notifications/0/params/password").asText()).isEqualTo("***");
    }

    @Test
    void mlrunNotificationShapeAndThresholdDefaultsAreAccepted() {
        AlertConfig c = AlertConfigJson.parse("p", "lat", json("{'entities': {'kind': 'model-endpoint-result',"
                + " 'ids': ['*']}, 'trigger': {'thresholds': [{'metric': 'latency_p99_ms', 'above': 250}]},"
                + " 'notifications': [{'notification': {'kind': 'slack', 'secret_params':"
                + " {'webhook': 'https://hooks.example/T/B/C'}}, 'cooldown_period': 0}]}"));
        assertThat(c.trigger().events()).containsExactly("system-performance-detected");
        assertThat(c.trigger().thresholds()).singleElement().satisfies(t -> {
            assertThat(t.window()).isEqualTo(Duration.ofMinutes(5));
            assertThat(t.minRequests()).isEqualTo(1);
        });
        assertThat(c.notifications().get(0).params()).containsEntry("webhook", "https://hooks.example/T/B/C");
        assertThat(AlertConfigJson.toJson(c, true).at("/notifications/0/params/webhook").asText())
                .isEqualTo("https://hooks.example/***");
    }

    @Test
    void everyTemplateIsAValidConfig() {
        for (String name : AlertTemplates.names()) {
            assertThat(AlertConfigJson.parse("p", name, AlertTemplates.get(name).orElseThrow()).name()).isEqualTo(name);
        }
        assertThat(AlertTemplates.names()).contains("data-drift-detected", "data-drift-suspected", "app-failed",
                "latency-p99", "error-rate");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "severity|'severity': 'urgent'",
        "criteria.count|'criteria': {'count': 100}",
        "criteria.period|'criteria': {'period': 'soon'}",
        "reset_policy|'reset_policy': 'sometimes'",
        "trigger.events[0]|'trigger': {'events': ['data-drift-happened']}",
        "trigger.events[0]|'trigger': {'events': ['mm-app-failed']}",
        "trigger.events|'trigger': {'events': []}",
        "trigger.thresholds[0].metric|'trigger': {'thresholds': [{'metric': 'cpu', 'above': 1}]}",
        "trigger.thresholds[0].above|'trigger': {'thresholds': [{'metric': 'error_rate'}]}",
        "entities.ids|'entities': {'kind': 'model-endpoint-result', 'ids': ['a', 'b']}",
        "entities.kind|'entities': {'kind': 'job', 'ids': ['*']}",
        "entities.project|'entities': {'kind': 'model-endpoint-result', 'project': 'other', 'ids': ['*']}",
        "notifications|'notifications': []",
        "notifications[0].kind|'notifications': [{'kind': 'pager'}]",
        "notifications[0].params.url|'notifications': [{'kind': 'webhook', 'params': {'url': 'ftp://x'}}]",
        "notifications[0].params.method|'notifications': [{'kind': 'webhook', 'params': {'url': 'http://x', 'method': 'DELETE'}}]",
        "notifications[0].params.webhook|'notifications': [{'kind': 'slack'}]",
        "notifications[0].params.to|'notifications': [{'kind': 'email', 'params': {'host': 'h', 'from': 'a@b', 'to': []}}]",
        "notifications[0].params.password|'notifications': [{'kind': 'email', 'params': {'host': 'h', 'from': 'a@b', 'to': 'c@d', 'username': 'u'}}]",
        "notifications[0].params.colour|'notifications': [{'kind': 'console', 'params': {'colour': 'red'}}]",
        "notifications[0].cooldown_period|'notifications': [{'kind': 'console', 'cooldown_period': 'x'}]",
        "name|'name': 'other'",
        "sumary|'sumary': 'typo'",
    })
    void aBadFieldIsNamed(String field, String override) {
        ObjectNode body = json(VALID);
        body.setAll(json("{" + override + "}"));
        assertThatThrownBy(() -> AlertConfigJson.parse("p", "a", body))
                .isInstanceOfSatisfying(InvalidAlertException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith("field '" + field + "'");
    }

    @Test
    void aBadNameIsRefused() {
        assertThatThrownBy(() -> AlertConfigJson.parse("p", "no_underscores", json(VALID)))
                .isInstanceOfSatisfying(InvalidAlertException.class, e -> assertThat(e.field()).isEqualTo("name"));
    }
}
