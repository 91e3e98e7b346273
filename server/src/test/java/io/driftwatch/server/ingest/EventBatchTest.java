package io.driftwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming JSON path of {@link EventBatch}: records are the events' own bytes plus the project. */
class EventBatchTest {
    private static final String E1 = "{ \"model\" : \"m\", \"function_uri\":\"p1/fn\",\n \"request\":{\"id\":\"1\","
            + "\"inputs\":[[1.5e0, -2, 3.25], [null, \"é\", {\"k\":[1,2]}]]}, \"resp\":{\"outputs\":[0,1]}, \"when\":\"w\"}";
    private static final String E2 = "{\"model\":\"m2\",\"function_uri\":\"p1/fn\",\"project\":\"p1\",\"microsec\":12345678901234}";

    private static List<JsonNode> trees(List<byte[]> records) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (byte[] r : records) {
            out.add(Json.MAPPER.readTree(r));
        }
        return out;
    }

    private static JsonNode withProject(String event) throws Exception {
        ObjectNode o = (ObjectNode) Json.MAPPER.readTree(event);
        return o.put("project", "p1");
    }

    @Test
    void recordsEqualTheEventsWithTheProjectAndKeepTheirBytes() throws Exception {
        byte[] body = ("  [" + E1 + " ,\n" + E2 + "]  ").getBytes(StandardCharsets.UTF_8);
        List<byte[]> records = EventBatch.fromJson(body, "p1");
        assertThat(trees(records)).containsExactly(withProject(E1), withProject(E2));
        assertThat(new String(records.get(1), StandardCharsets.UTF_8)).isEqualTo(E2);
        assertThat(new String(records.get(0), StandardCharsets.UTF_8)).startsWith("{\"project\":\"p1\",")
                .endsWith(E1.substring(1)).contains("1.5e0");
    }

    @Test
    void aSingleObjectAndANullProjectAreHandled() throws Exception {
        assertThat(trees(EventBatch.fromJson(E1.getBytes(StandardCharsets.UTF_8), "p1"))).containsExactly(withProject(E1));
        String nullProject = "{\"project\":null,\"model\":\"m\",\"function_uri\":\"f\"}";
        assertThat(trees(EventBatch.fromJson(("[" + E2 + "," + nullProject + "]").getBytes(StandardCharsets.UTF_8), "p1")))
                .containsExactly(withProject(E2), withProject(nullProject));
    }

    @Test
    void utf16BodiesTakeTheTreePath() throws Exception {
        byte[] body = ("[" + E1 + "]").getBytes(StandardCharsets.UTF_16);
        assertThat(trees(EventBatch.fromJson(body, "p1"))).containsExactly(withProject(E1));
    }

    @Test
    void problemsInsideSkippedFieldsAreStillRejected() {
        String nan = "[" + E2 + ",{\"model\":\"m\",\"function_uri\":\"f\",\"request\":{\"inputs\":[[1, NaN]]}}]";
        assertThatThrownBy(() -> EventBatch.fromJson(nan.getBytes(StandardCharsets.UTF_8), "p1"))
                .isInstanceOf(ApiException.class).hasMessageContaining("NaN");
        String dup = "{\"model\":\"m\",\"function_uri\":\"f\",\"resp\":{\"id\":1,\"id\":2}}";
        assertThatThrownBy(() -> EventBatch.fromJson(dup.getBytes(StandardCharsets.UTF_8), "p1"))
                .isInstanceOf(ApiException.class).hasMessageContaining("Duplicate field 'id'");
        String truncated = "[" + E2 + ",{\"model\":\"m\",\"function_uri\":\"f\",\"request\":{\"inputs\":[[1,2]";
        assertThatThrownBy(() -> EventBatch.fromJson(truncated.getBytes(StandardCharsets.UTF_8), "p1"))
                .isInstanceOf(ApiException.class).hasMessageContaining("malformed JSON");
    }

    @Test
    void endpointFieldsAndProjectAreValidatedWherever() {
        String lateModel = "{\"function_uri\":\"f\",\"request\":{\"model\":\"nested does not count\"},\"model\":7}";
        assertThatThrownBy(() -> EventBatch.fromJson(("[" + E2 + "," + lateModel + "]").getBytes(StandardCharsets.UTF_8), "p1"))
                .isInstanceOf(ApiException.class).hasMessageContaining("element 1")
                .hasMessageContaining("'model' must be a non-empty string, got number");
        String nestedOnly = "{\"function_uri\":\"f\",\"request\":{\"model\":\"m\"}}";
        assertThatThrownBy(() -> EventBatch.fromJson(nestedOnly.getBytes(StandardCharsets.UTF_8), "p1"))
                .isInstanceOf(ApiException.class).hasMessageContaining("the event: missing field 'model'");
        String other = "{\"model\":\"m\",\"function_uri\":\"f\",\"project\":\"p2\"}";
        assertThatThrownBy(() -> EventBatch.fromJson(other.getBytes(StandardCharsets.UTF_8), "p1"))
                .isInstanceOf(ApiException.class).hasMessageContaining("field 'project' is \"p2\"");
    }

    @Test
    void theSplicedProjectFieldIsWhatJacksonWouldWrite() throws Exception {
        for (String project : List.of("p1", "my-proj_2", "a\"b", "back\\slash", "tab\there", "é-ü", "del\u007f", "")) {
            String expected = "{\"project\":" + Json.MAPPER.writeValueAsString(project) + ",";
            assertThat(new String(EventBatch.projectField(project), StandardCharsets.UTF_8)).as(project)
                    .isEqualTo(expected);
            byte[] record = EventBatch.fromJson("{\"model\":\"m\",\"function_uri\":\"x/fn\"}"
                    .getBytes(StandardCharsets.UTF_8), project).getFirst();
            assertThat(Json.MAPPER.readTree(record).get("project").asText()).isEqualTo(project);
        }
    }

    @Test
    void nonStringEndpointFieldsAreStillNamedInTheError() {
        assertThatThrownBy(() -> EventBatch.fromJson("{\"model\":{\"a\":1},\"function_uri\":\"x/fn\"}"
                .getBytes(StandardCharsets.UTF_8), "p1"))
                .hasMessageContaining("field 'model' must be a non-empty string, got object");
    }
}
