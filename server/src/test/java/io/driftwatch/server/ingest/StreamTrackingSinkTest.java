package io.driftwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.server.http.Json;
import io.driftwatch.serving.tracking.TrackingEvent;
import io.driftwatch.serving.tracking.TrackingEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tracking sink adds the project of {@code function_uri} to every event, spliced or re-parsed alike. */
class StreamTrackingSinkTest {
    @Test
    void codecEventsGetTheProjectOfTheirFunctionUri() throws Exception {
        TrackingEventCodec codec = TrackingEventCodec.of("0", "h", ZoneOffset.UTC);
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        byte[] event = codec.encode(TrackingEvent.builder().modelClass("C").model("iris").functionUri("my-proj/fn:v1")
                .labels(Map.of("a", "b")).requestId("r1").inputs(List.of(List.of(1.0, 2.0))).outputs(List.of(0))
                .when(t).respondedAt(t).microsec(1234).build());
        byte[] out = StreamTrackingSink.withProject(event);
        JsonNode n = Json.MAPPER.readTree(out);
        assertThat(n.path("project").asText()).isEqualTo("my-proj");
        JsonNode original = Json.MAPPER.readTree(event);
        ((ObjectNode) original).put("project", "my-proj");
        assertThat(n).isEqualTo(original);
        assertThat(out).as("the codec names the project first, so the sink passes the event unchanged").isSameAs(event);
        assertThat(new String(event, StandardCharsets.UTF_8)).startsWith("{\"project\":\"my-proj\",\"class\":\"C\"");
    }

    @Test
    void compactJsonWithoutAProjectGetsItSpliced() throws Exception {
        byte[] compact = "{\"model\":\"m\",\"function_uri\":\"p3/f\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(StreamTrackingSink.withProject(compact), StandardCharsets.UTF_8))
                .isEqualTo("{\"project\":\"p3\",\"model\":\"m\",\"function_uri\":\"p3/f\"}");
    }

    @Test
    void otherJsonIsReparsedAndEventsWithoutAProjectAreRefused() throws Exception {
        byte[] spaced = "{ \"model\": \"m\", \"function_uri\" : \"p2/f\" }".getBytes(StandardCharsets.UTF_8);
        assertThat(Json.MAPPER.readTree(StreamTrackingSink.withProject(spaced)).path("project").asText()).isEqualTo("p2");
        assertThatThrownBy(() -> StreamTrackingSink.withProject("{\"function_uri\":\"nofunction\"}"
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("project/function");
    }
}
