package io.driftwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The labels body: JSON array, one object or NDJSON; every bad input a 400 naming the item and the field. */
class LabelBodiesTest {
    private static List<LabelBodies.Item> parse(String body, boolean ndjson) {
        return LabelBodies.parse(body.getBytes(StandardCharsets.UTF_8), ndjson);
    }

    @Test
    void arrayObjectAndNdjsonParseWithRowDefaultingToZeroAndTheLastDuplicateKept() {
        List<LabelBodies.Item> items = parse("""
                [{"request_id": "a", "label": 1}, {"request_id": "b", "row": 2, "label": "setosa"},
                 {"request_id": 7, "row": null, "label": true}, {"request_id": "a", "row": 0, "label": 2.5}]""",
                false);
        assertThat(items).containsExactly(new LabelBodies.Item("b", 2, "\"setosa\""),
                new LabelBodies.Item("7", 0, "true"), new LabelBodies.Item("a", 0, "2.5"));
        assertThat(parse("{\"request_id\": \"x\", \"label\": 0}", false))
                .containsExactly(new LabelBodies.Item("x", 0, "0"));
        assertThat(parse("{\"request_id\": \"x\", \"label\": 0}\n\n{\"request_id\": \"y\", \"row\": 1, \"label\": 1}\n",
                true)).containsExactly(new LabelBodies.Item("x", 0, "0"), new LabelBodies.Item("y", 1, "1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]| no labels",
        "''| no labels",
        "[{\"request_id\": \"a\", \"label\": 1}, {\"label\": 1}]| label 1: 'request_id' must be a non-empty string (it is missing)",
        "[{\"request_id\": \"\", \"label\": 1}]| label 0: 'request_id' must be a non-empty string",
        "[{\"request_id\": [1], \"label\": 1}]| label 0: 'request_id' must be a non-empty string",
        "[{\"request_id\": \"a\", \"row\": -1, \"label\": 1}]| label 0: 'row' must be an integer >= 0, not -1",
        "[{\"request_id\": \"a\", \"row\": 1.5, \"label\": 1}]| label 0: 'row' must be an integer >= 0, not 1.5",
        "[{\"request_id\": \"a\", \"row\": \"0\", \"label\": 1}]| label 0: 'row' must be an integer >= 0",
        "[{\"request_id\": \"a\"}]| label 0: 'label' must be a number, a string or a boolean (it is missing)",
        "[{\"request_id\": \"a\", \"label\": null}]| label 0: 'label' must be a number, a string or a boolean, not NULL",
        "[{\"request_id\": \"a\", \"label\": [1, 2]}]| label 0: 'label' must be a number, a string or a boolean, not ARRAY",
        "[3]| label 0: must be an object",
        "\"a\"| the body must be a JSON array of label objects, not STRING",
        "[{\"request_id\": \"a\",| the body is not valid JSON",
    })
    void badBodiesAre400NamingTheProblem(String body, String message) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> parse(body, false));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains(message.strip());
    }

    @Test
    void aBadNdjsonLineIsNamed() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> parse("{\"request_id\": \"a\", \"label\": 1}\n{oops\n", true));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).contains("line 2 is not valid JSON");
    }
}
