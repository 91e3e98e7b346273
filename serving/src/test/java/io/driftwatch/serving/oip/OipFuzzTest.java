package io.driftwatch.serving.oip;

import io.driftwatch.testkit.Fuzz;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.serving.model.Datatype;
import io.driftwatch.serving.model.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing (2,000 seeded tries per test, no framework: {@link Fuzz#fuzz}) of the Open Inference Protocol request decoding: arbitrary
 * strings, byte arrays and mutated valid bodies make {@link OipCodec#parseRequest} and {@link RowsCodec#parse}
 * either succeed or throw their documented {@link IllegalArgumentException} (a 400), never anything else (a 500).
 */
class OipFuzzTest {
    private static final List<String> VALID = List.of(
            "{\"id\":\"r1\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[1,2,3,4]}],"
                    + "\"parameters\":{\"a\":1},\"outputs\":[{\"name\":\"y\"}]}",
            "{\"inputs\":[{\"name\":\"s\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"abc\"]},{\"name\":\"b\","
                    + "\"datatype\":\"BOOL\",\"shape\":[1],\"data\":[true]},{\"name\":\"i\",\"datatype\":\"INT64\","
                    + "\"shape\":[1],\"data\":[9007199254740993]}]}",
            "{\"id\":\"r2\",\"inputs\":[[1.5,2.5],[3,4]]}",
            "{\"inputs\":[[1,2]],\"parameters\":{\"content_type\":\"pd\"}}");
    private static final List<TensorSpec> MODEL_INPUTS = List.of(new TensorSpec("x", Datatype.FP32, List.of(-1L, 2L)));

    @Test
    void arbitraryStringsFailOnlyAsBadRequests() {
        Fuzz.fuzz(Fuzz::randomString, (text) -> {
            decode(text.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void arbitraryBytesFailOnlyAsBadRequests() {
        Fuzz.fuzz(Fuzz::randomBytes, (bytes) -> {
            decode(bytes);
        });
    }

    @Test
    void mutatedBodiesFailOnlyAsBadRequests() {
        Fuzz.fuzz(Fuzz.mutated(VALID), (body) -> {
            decode(body);
        });
    }


    /** Decodes as the serving route does; only the documented IllegalArgumentException may escape. */
    private static void decode(byte[] body) {
        try {
            OipCodec.peekId(body);
            JsonNode tree = RowsCodec.tree(body);
            if (tree != null && RowsCodec.isRows(tree)) {
                RowsCodec.parse(tree, MODEL_INPUTS);
            } else {
                OipCodec.parseRequest(body);
            }
        } catch (IllegalArgumentException expected) {
            // the documented 400
        }
    }
}
