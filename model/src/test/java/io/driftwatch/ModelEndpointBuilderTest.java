package io.driftwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelEndpointBuilderTest {
    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void specBuilderEqualsTheCanonicalConstructor() {
        var built = ModelEndpoint.Spec.builder().functionUri("p/fn").model("m").modelVersion("2").modelClass("cls")
                .modelUri("store://m").featureNames(List.of("a", "b")).labelNames(List.of("y")).streamPath("s")
                .monitoringMode(MonitoringMode.ENABLED).active(false).build();
        assertThat(built).isEqualTo(new ModelEndpoint.Spec("p/fn", "m", "2", "cls", "store://m", List.of("a", "b"),
                List.of("y"), "s", MonitoringMode.ENABLED, false));
    }

    @Test
    void anEmptySpecBuilderGivesTheRecordDefaultsAndAnActiveEndpoint() {
        var spec = ModelEndpoint.Spec.builder().model("m").build();
        assertThat(spec.featureNames()).isEmpty();
        assertThat(spec.labelNames()).isEmpty();
        assertThat(spec.monitoringMode()).isEqualTo(MonitoringMode.DISABLED);
        assertThat(spec.active()).isTrue();
        assertThat(spec.functionUri()).isNull();
    }

    @Test
    void specToBuilderChangesOnlyWhatIsSet() {
        var spec = new ModelEndpoint.Spec("p/fn", "m", "2", "cls", "u", List.of("a"), List.of("y"), "s",
                MonitoringMode.ENABLED, false);
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        var changed = spec.toBuilder().modelVersion("3").build();
        assertThat(changed.modelVersion()).isEqualTo("3");
        assertThat(changed).isEqualTo(new ModelEndpoint.Spec("p/fn", "m", "3", "cls", "u", List.of("a"),
                List.of("y"), "s", MonitoringMode.ENABLED, false));
    }

    @Test
    void statusBuilderEqualsTheCanonicalConstructorAndRoundTrips() {
        var metrics = new LiveMetrics(1, 2, 3, 4, 5);
        var status = ModelEndpoint.Status.builder().firstRequest(T0).lastRequest(T0.plusSeconds(60)).errorCount(7)
                .driftStatus(ResultStatus.DETECTED).driftMeasures(Map.of("tvd_mean", 0.5)).metrics(metrics).build();
        assertThat(status).isEqualTo(new ModelEndpoint.Status(null, null, T0, T0.plusSeconds(60), 7,
                ResultStatus.DETECTED, Map.of("tvd_mean", 0.5), metrics));
        assertThat(status.toBuilder().build()).isEqualTo(status);
        assertThat(status.toBuilder().errorCount(8).build().errorCount()).isEqualTo(8);
    }

    @Test
    void initialStatusHasNothingSeen() {
        var s = ModelEndpoint.Status.initial(null);
        assertThat(s).isEqualTo(new ModelEndpoint.Status(null, null, null, null, 0, null, null, null));
        assertThat(s.featureStats().isEmpty()).isTrue();
        assertThat(s.metrics()).isEqualTo(LiveMetrics.ZERO);
    }
}
