package io.driftwatch.engine.alerts;

import static io.driftwatch.engine.alerts.AlertTesting.config;
import static io.driftwatch.engine.alerts.AlertTesting.drift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.AlertStore.ActivationQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Enabling and disabling an alert: a disabled alert neither counts, fires nor notifies, and resumes when enabled. */
class AlertEnableTest {
    private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");
    private static final String BASE = "{'entities': {'kind': 'model-endpoint-result', 'ids': ['*']},"
            + " 'trigger': {'events': ['data-drift-detected']}, 'reset_policy': 'auto',"
            + " 'notifications': [{'kind': 'console'}]";
    private final MutableClock clock = new MutableClock(T0);
    private final AlertStore store = AlertStores.inMemory();
    private final RecordingNotifier console = new RecordingNotifier("console", 0);
    private final AlertEngine engine = AlertTesting.engine(store, null, null, null, clock, console);

    @AfterEach
    void close() {
        engine.close();
    }

    private int activations() {
        return engine.activations(new ActivationQuery("p", "a", null, null, null, 1000)).size();
    }

    private void event(int minute) {
        clock.set(T0.plus(Duration.ofMinutes(minute)));
        engine.onEvent(drift("p", "ep1", "data-drift-detected", clock.instant()));
    }

    @Test
    void theJsonFieldDefaultsToTrueIsWrittenAndMustBeABoolean() {
        assertThat(config("p", "a", BASE + "}").enabled()).isTrue();
        AlertConfig off = config("p", "a", BASE + ", 'enabled': false}");
        assertThat(off.enabled()).isFalse();
        assertThat(AlertConfigJson.toJson(off, true).path("enabled").asBoolean(true)).isFalse();
        assertThat(AlertConfigJson.parse("p", "a", AlertConfigJson.toJson(off, false)).enabled()).isFalse();
        assertThatThrownBy(() -> config("p", "a", BASE + ", 'enabled': 'no'}"))
                .isInstanceOf(InvalidAlertException.class).hasMessageStartingWith("field 'enabled'");
    }

    @Test
    void aDisabledAlertNeitherFiresNorNotifiesAndResumesWhenEnabled() {
        engine.put(config("p", "a", BASE + ", 'enabled': false}"));
        event(0);
        event(1);
        assertThat(activations()).isZero();

        assertThat(engine.setEnabled("p", "a", true).enabled()).isTrue();
        event(2);
        assertThat(activations()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> console.sent.size() == 1);

        assertThat(engine.setEnabled("p", "a", false).enabled()).isFalse();
        event(3);
        assertThat(activations()).isEqualTo(1);
        assertThat(console.sent).hasSize(1);
        assertThat(engine.get("p", "a").orElseThrow().enabled()).isFalse();
        assertThatThrownBy(() -> engine.setEnabled("p", "nope", true)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void eventsCountedBeforeDisablingAreDroppedAndAManualActivationIsNotCountedWhileDisabled() {
        engine.put(config("p", "a", BASE.replace("'auto'", "'manual'") + ", 'criteria': {'count': 2, 'period': '1h'}}"));
        event(0);
        engine.setEnabled("p", "a", false);
        engine.setEnabled("p", "a", true);
        event(1);
        assertThat(activations()).as("the event of minute 0 was dropped on disabling").isZero();
        event(2);
        assertThat(activations()).isEqualTo(1);
        assertThat(engine.isActive("p", "a")).isTrue();
        engine.setEnabled("p", "a", false);
        event(3);
        event(4);
        assertThat(engine.activations(new ActivationQuery("p", "a", null, null, null, 10)).get(0).ignoredEvents())
                .isZero();
        assertThat(engine.isActive("p", "a")).as("disabling keeps an active activation until reset").isTrue();
    }

    @Test
    void theStateAndTheSecretsSurviveANewEngineOnTheSameStore() {
        engine.put(config("p", "a", "{'entities': {'kind': 'model-endpoint-result', 'ids': ['*']},"
                + " 'trigger': {'events': ['data-drift-detected']}, 'notifications': [{'kind': 'webhook',"
                + " 'params': {'url': 'https://hooks.example/secret-token'}}]}"));
        engine.setEnabled("p", "a", false);
        try (AlertEngine again = AlertTesting.engine(store, null, null, null, clock, console)) {
            AlertConfig c = again.get("p", "a").orElseThrow();
            assertThat(c.enabled()).isFalse();
            assertThat(c.notifications().get(0).params()).containsEntry("url", "https://hooks.example/secret-token");
            again.onEvent(drift("p", "ep1", "data-drift-detected", clock.instant()));
            assertThat(again.activations(new ActivationQuery("p", "a", null, null, null, 10))).isEmpty();
        }
    }
}
