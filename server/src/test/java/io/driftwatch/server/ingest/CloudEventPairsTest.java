package io.driftwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing, latency, model attribution, payload shapes and expiry of KServe CloudEvent halves. */
class CloudEventPairsTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private Instant now = T;
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final CloudEventPairs pairs = new CloudEventPairs(clock, Duration.ofSeconds(60));

    private CloudEventPairs.Half half(String id, boolean request, Instant time, String body) {
        JsonNode json = body == null ? null : Json.parse(body.getBytes(StandardCharsets.UTF_8));
        return new CloudEventPairs.Half("p", id, request, "isvc", "ns", "predictor", "canary", time, now, json,
                body == null ? "not JSON" : null, body == null ? 0 : body.length());
    }

    @Test
    void aPairIsOneEventWithLatencyModelAndLabels() {
        assertThat(pairs.accept(half("1", false, T.plusMillis(7), "{\"model_name\":\"m\",\"model_version\":\"2\","
                + "\"outputs\":[{\"name\":\"y\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[1,0]},"
                + "{\"name\":\"p\",\"shape\":[2,2],\"datatype\":\"FP32\",\"data\":[[0.1,0.9],[0.8,0.2]]}]}"))).isEmpty();
        List<ObjectNode> out = pairs.accept(half("1", true, T, "{\"inputs\":[{\"name\":\"a\",\"shape\":[2,1],"
                + "\"datatype\":\"FP32\",\"data\":[1,2]},{\"name\":\"b\",\"shape\":[2],\"datatype\":\"BYTES\",\"data\":[\"x\",\"y\"]}]}"));
        assertThat(out).hasSize(1);
        ObjectNode e = out.getFirst();
        assertThat(e.path("model").asText()).isEqualTo("m");
        assertThat(e.path("version").asText()).isEqualTo("2");
        assertThat(e.path("function_uri").asText()).isEqualTo("p/isvc");
        assertThat(e.path("microsec").asLong()).isEqualTo(7000);
        assertThat(e.path("when").asText()).isEqualTo(T.toString());
        assertThat(e.path("request").path("inputs").toString()).isEqualTo("[[1,\"x\"],[2,\"y\"]]");
        assertThat(e.path("resp").path("outputs").toString()).isEqualTo("[[1,0.1,0.9],[0,0.8,0.2]]");
        assertThat(e.path("labels").path("endpoint").asText()).isEqualTo("canary");
        assertThat(pairs.stats("p")).isEqualTo(new CloudEventPairs.Stats(2, 1, 0, 0, 0));
    }

    @Test
    void v1BodiesAndBadPayloadsStillPairButLeaveTheFieldOut() {
        pairs.accept(half("a", true, T, "{\"instances\":[[1,2],{\"x\":3,\"y\":4},5]}"));
        ObjectNode e = pairs.accept(half("a", false, T, "{\"predictions\":[[1],2,[3,4]]}")).getFirst();
        assertThat(e.path("request").path("inputs").toString()).isEqualTo("[[1,2],[3,4],[5]]");
        assertThat(e.path("resp").path("outputs").toString()).isEqualTo("[1,2,[3,4]]");
        assertThat(e.path("model").asText()).isEqualTo("isvc");
        pairs.accept(half("b", true, T, null));
        ObjectNode bad = pairs.accept(half("b", false, T, "{\"outputs\":[{\"name\":\"y\",\"shape\":[3],\"data\":[1]}]}"))
                .getFirst();
        assertThat(bad.path("request").has("inputs")).isFalse();
        assertThat(bad.path("request").path("inputs_error").asText()).isEqualTo("not JSON");
        assertThat(bad.path("resp").has("outputs")).isFalse();
        assertThat(bad.path("resp").path("outputs_error").asText()).contains("shape [3] does not match 1 data values");
    }

    @Test
    void loneHalvesExpireAfterTheTimeoutAsErrorEvents() {
        pairs.accept(half("r", true, T, "{\"instances\":[[1]]}"));
        now = T.plusSeconds(30);
        pairs.accept(half("s", false, T, "{\"model_name\":\"m\",\"predictions\":[1]}"));
        assertThatThrownBy(() -> pairs.accept(half("s", false, T, "{}"))).isInstanceOf(ApiException.class)
                .hasMessageContaining("already waiting");
        now = T.plusSeconds(59);
        assertThat(pairs.sweep()).isEmpty();
        now = T.plusSeconds(60);
        List<ObjectNode> expired = pairs.sweep();
        assertThat(expired).hasSize(1);
        assertThat(expired.getFirst().path("error").asText()).contains("no response was logged within 60 s");
        assertThat(expired.getFirst().path("model").asText()).isEqualTo("m");   // the last model seen for the service
        assertThat(expired.getFirst().path("request").path("inputs").toString()).isEqualTo("[[1]]");
        now = T.plusSeconds(95);
        assertThat(pairs.sweep().getFirst().path("error").asText()).contains("request of this response");
        assertThat(pairs.stats("p")).isEqualTo(new CloudEventPairs.Stats(2, 0, 0, 1, 1));
    }
}
