package io.driftwatch.engine.alerts;

import static io.driftwatch.engine.alerts.AlertTesting.config;
import static io.driftwatch.engine.alerts.AlertTesting.drift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.engine.alerts.AlertActivation.Status;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.AlertStore.ActivationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertEngineTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final String BASE = "{'entities': {'kind': 'model-endpoint-result', 'ids': ['*']},"
            + " 'trigger': {'events': ['data-drift-detected']}, 'summary': 'drift on {{entity}} in {{project}}',";
    private final MutableClock clock = new MutableClock(T0);
    private final AlertStore store = AlertStores.inMemory();
    private final RecordingNotifier console = new RecordingNotifier("console", 0);
    private final AlertEngine engine = AlertTesting.engine(store, null, null, null, clock, console);

    @AfterEach
    void close() {
        engine.close();
    }

    private List<AlertActivation> activations(String alert) {
        return engine.activations(new ActivationQuery("p", alert, null, null, null, 1000));
    }

    private void event(String kind, String uid, Duration after) {
        clock.set(T0.plus(after));
        engine.onEvent(drift("p", uid, kind, clock.instant()));
    }

    @Test
    void autoResetFiresOncePerEventAndRendersTheSummary() {
        engine.put(config("p", "drift", BASE + "'criteria': {'count': 1, 'period': '10m'},"
                + "'reset_policy': 'auto', 'notifications': [{'kind': 'console'}]}"));
        event("data-drift-detected", "ep1", Duration.ZERO);
        event("data-drift-suspected", "ep1", Duration.ofMinutes(1));   // other kind: ignored
        engine.onEvent(drift("q", "ep1", "data-drift-detected", clock.instant()));   // other project: ignored

        List<AlertActivation> acts = activations("drift");
        assertThat(acts).hasSize(1);
        AlertActivation a = acts.get(0);
        assertThat(a.active()).isFalse();
        assertThat(a.resetBy()).isEqualTo("auto");
        assertThat(a.summary()).isEqualTo("drift on ep1.histogram-data-drift.result.general_drift in p");
        assertThat(a.endpoints()).containsExactly("ep1");
        assertThat(a.events()).extracting(EngineEvent::kind).containsExactly("data-drift-detected");
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.activation("p", a.id()).orElseThrow().notifications().get(0).status() == Status.SENT);
        assertThat(console.sent).hasSize(1);
        assertThat(engine.isActive("p", "drift")).isFalse();

        event("data-drift-detected", "ep2", Duration.ofMinutes(2));
        assertThat(activations("drift")).hasSize(2);
        assertThat(engine.activations(new ActivationQuery("p", null, "ep2", null, null, 10))).hasSize(1);
    }

    @Test
    void countWithinPeriodFiresTheExpectedNumberOfTimes() {
        engine.put(config("p", "three", BASE + "'criteria': {'count': 3, 'period': '10m'},"
                + "'reset_policy': 'auto', 'notifications': [{'kind': 'console'}]}"));
        // minutes 0, 4, 8 → fire (3 within 10m); 20, 31, 42 → never 3 within 10m; 55, 56, 57 → fire; 58 → pending
        for (int m : new int[] {0, 4, 8, 20, 31, 42, 55, 56, 57, 58}) {
            event("data-drift-detected", "ep1", Duration.ofMinutes(m));
        }
        List<AlertActivation> acts = activations("three");
        assertThat(acts).hasSize(2);
        assertThat(acts.get(1).events()).extracting(EngineEvent::time)
                .containsExactly(T0, T0.plusSeconds(240), T0.plusSeconds(480));
        assertThat(acts.get(0).events()).extracting(EngineEvent::time)
                .containsExactly(T0.plusSeconds(3300), T0.plusSeconds(3360), T0.plusSeconds(3420));
    }

    @Test
    void manualResetStaysActiveCountsIgnoredEventsAndFiresAgainAfterReset() {
        engine.put(config("p", "man", BASE + "'reset_policy': 'manual', 'notifications': [{'kind': 'console'}]}"));
        event("data-drift-detected", "ep1", Duration.ZERO);
        event("data-drift-detected", "ep1", Duration.ofMinutes(1));
        event("data-drift-detected", "ep1", Duration.ofMinutes(2));
        assertThat(engine.isActive("p", "man")).isTrue();
        List<AlertActivation> acts = activations("man");
        assertThat(acts).hasSize(1);
        assertThat(acts.get(0).active()).isTrue();
        assertThat(acts.get(0).ignoredEvents()).isEqualTo(2);
        assertThat(engine.activations(new ActivationQuery("p", null, null, true, null, 10))).hasSize(1);

        List<AlertActivation> reset = engine.reset("p", "man");
        assertThat(reset).singleElement().satisfies(a -> {
            assertThat(a.active()).isFalse();
            assertThat(a.resetBy()).isEqualTo("manual");
        });
        assertThat(engine.isActive("p", "man")).isFalse();
        event("data-drift-detected", "ep1", Duration.ofMinutes(3));
        assertThat(activations("man")).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> console.sent.size() == 2);
        assertThatThrownBy(() -> engine.reset("p", "nope")).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void cooldownSkipsNotificationsButKeepsActivations() {
        engine.put(config("p", "cool", BASE + "'notifications': [{'kind': 'console', 'cooldown_period': '30m'}]}"));
        event("data-drift-detected", "ep1", Duration.ZERO);
        event("data-drift-detected", "ep1", Duration.ofMinutes(10));
        event("data-drift-detected", "ep1", Duration.ofMinutes(31));
        List<AlertActivation> acts = activations("cool");
        assertThat(acts).hasSize(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> console.sent.size() == 2);
        assertThat(acts.get(1).notifications().get(0).status()).isEqualTo(Status.SKIPPED_COOLDOWN);
        await().atMost(Duration.ofSeconds(30)).until(() -> activations("cool").get(0).notifications().get(0).status() == Status.SENT);
        assertThat(console.sent).extracting(m -> m.activation().id())
                .containsExactlyInAnyOrder(acts.get(0).id(), acts.get(2).id());
    }

    @Test
    void retriesAreOneDeliveryAndAFailureIsRecorded() {
        RecordingNotifier flaky = new RecordingNotifier("webhook", 2);
        RecordingNotifier dead = new RecordingNotifier("slack", Integer.MAX_VALUE);
        try (AlertEngine e = AlertTesting.engine(store, null, null, null, clock, flaky, dead)) {
            e.put(config("p", "ch", BASE + "'notifications': [{'kind': 'webhook', 'params': {'url': 'http://h/x'}},"
                    + "{'kind': 'slack', 'params': {'webhook': 'https://hooks.example/T/B/x'}}]}"));
            e.onEvent(drift("p", "ep1", "data-drift-detected", T0));
            AlertActivation a = e.activations(new ActivationQuery("p", "ch", null, null, null, 10)).get(0);
            await().atMost(Duration.ofSeconds(30)).until(() -> e.activation("p", a.id()).orElseThrow().notifications().stream()
                    .noneMatch(d -> d.status() == Status.PENDING));
            var ds = e.activation("p", a.id()).orElseThrow().notifications();
            assertThat(ds.get(0).status()).isEqualTo(Status.SENT);
            assertThat(ds.get(0).attempts()).isEqualTo(3);
            assertThat(flaky.sent).hasSize(1);
            assertThat(ds.get(1).status()).isEqualTo(Status.FAILED);
            assertThat(ds.get(1).attempts()).isEqualTo(3);
            assertThat(ds.get(1).error()).contains("channel down (attempt 3)");
        }
    }

    @Test
    void entityIdsSelectOneEndpointAndAppFailuresNeedTheApplicationKind() {
        engine.put(config("p", "one", "{'entities': {'kind': 'model-endpoint-result', 'ids': ['ep2']},"
                + "'trigger': {'events': ['data-drift-detected']}, 'notifications': [{'kind': 'console'}]}"));
        engine.put(config("p", "app", "{'entities': {'kind': 'model-monitoring-application', 'ids': ['*']},"
                + "'trigger': {'events': ['mm-app-failed']}, 'notifications': [{'kind': 'console'}]}"));
        event("data-drift-detected", "ep1", Duration.ZERO);
        event("data-drift-detected", "ep2", Duration.ofSeconds(1));
        engine.onEvent(new EngineEvent(EngineEvent.APP_FAILED, "p", EngineEvent.ENTITY_APPLICATION, "p_my-app",
                Map.of("model_endpoint_id", "ep1", "error", "boom"), clock.instant()));
        assertThat(activations("one")).singleElement().extracting(AlertActivation::endpoints)
                .isEqualTo(List.of("ep2"));
        assertThat(activations("app")).singleElement().extracting(AlertActivation::entityId).isEqualTo("p_my-app");
    }

    @Test
    void replacingKeepsMaskedSecretsAndDeletingResolvesTheActiveActivation() {
        engine.put(config("p", "s", BASE + "'reset_policy': 'manual', 'notifications': [{'kind': 'webhook',"
                + "'params': {'url': 'https://hooks.example/secret-token', 'headers': {'Authorization': 'Bearer t'}}}]}"));
        var masked = AlertConfigJson.toJson(engine.get("p", "s").orElseThrow(), true);
        assertThat(masked.toString()).doesNotContain("secret-token").doesNotContain("Bearer t");
        AlertConfig back = engine.put(AlertConfigJson.parse("p", "s", masked));
        assertThat(back.notifications().get(0).params()).containsEntry("url", "https://hooks.example/secret-token")
                .containsEntry("headers", Map.of("Authorization", "Bearer t"));

        event("data-drift-detected", "ep1", Duration.ZERO);
        assertThat(engine.isActive("p", "s")).isTrue();
        assertThat(engine.delete("p", "s")).isTrue();
        assertThat(engine.get("p", "s")).isEmpty();
        assertThat(activations("s")).singleElement().satisfies(a -> {
            assertThat(a.active()).isFalse();
            assertThat(a.resetBy()).isEqualTo("deleted");
        });
        assertThat(engine.delete("p", "s")).isFalse();
    }

    @Test
    void configsAndActivationsSurviveANewEngineOnTheSameStore() {
        engine.put(config("p", "man", BASE + "'reset_policy': 'manual', 'notifications': [{'kind': 'console'}]}"));
        event("data-drift-detected", "ep1", Duration.ZERO);
        try (AlertEngine again = AlertTesting.engine(store, null, null, null, clock, console)) {
            assertThat(again.list("p")).extracting(AlertConfig::name).containsExactly("man");
            assertThat(again.isActive("p", "man")).isTrue();
            again.onEvent(drift("p", "ep1", "data-drift-detected", clock.instant()));
            assertThat(again.activations(new ActivationQuery("p", "man", null, null, null, 10))).hasSize(1);
        }
    }
}
