package io.driftwatch.engine.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.alerts.AlertActivation.Delivery;
import io.driftwatch.engine.alerts.AlertActivation.Status;
import io.driftwatch.engine.alerts.AlertConfig.ResetPolicy;
import io.driftwatch.engine.alerts.AlertConfig.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The activation's builder and the changes made through it (reset, ignoring, a delivery's outcome). */
class AlertActivationTest {
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");

    private static AlertActivation manual() {
        return AlertActivation.builder().id("a1").project("p").alert("drift").severity(Severity.HIGH)
                .summary("s").resetPolicy(ResetPolicy.MANUAL).entityKind("model-endpoint-result").entityId("e")
                .endpoints(List.of("e")).time(T0).active(true)
                .notifications(List.of(new Delivery(0, "console", Status.PENDING, 0, null, null),
                        new Delivery(1, "webhook", Status.PENDING, 0, null, null)))
                .build();
    }

    @Test
    void theBuilderEqualsTheCanonicalConstructor() {
        assertThat(manual()).isEqualTo(new AlertActivation("a1", "p", "drift", Severity.HIGH, "s", ResetPolicy.MANUAL,
                "model-endpoint-result", "e", List.of("e"), T0, true, null, null, List.of(), 0,
                List.of(new Delivery(0, "console", Status.PENDING, 0, null, null),
                        new Delivery(1, "webhook", Status.PENDING, 0, null, null))));
        assertThat(manual().toBuilder().build()).isEqualTo(manual());
    }

    @Test
    void theBuilderStillRequiresAnIdAndATime() {
        assertThatThrownBy(() -> AlertActivation.builder().time(T0).build()).hasMessageContaining("id");
        assertThatThrownBy(() -> AlertActivation.builder().id("a").build()).hasMessageContaining("time");
    }

    @Test
    void resetIgnoringAndDeliveryChangeOnlyTheirFields() {
        AlertActivation a = manual();
        AlertActivation reset = a.reset(T0.plusSeconds(60), "manual");
        assertThat(reset).isEqualTo(a.toBuilder().active(false).resetTime(T0.plusSeconds(60)).resetBy("manual")
                .build());
        assertThat(a.ignoring().ignoredEvents()).isEqualTo(1);
        assertThat(a.ignoring().ignoring().toBuilder().ignoredEvents(0).build()).isEqualTo(a);
        Delivery sent = new Delivery(1, "webhook", Status.SENT, 1, null, T0);
        assertThat(a.withDelivery(sent).notifications()).containsExactly(a.notifications().get(0), sent);
    }
}
