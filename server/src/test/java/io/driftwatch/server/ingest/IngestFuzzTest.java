package io.driftwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.testkit.Fuzz;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.RequestBodies;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing (2,000 seeded tries per test, no framework: {@link Fuzz#fuzz}) of the server's ingest parsing: the event body validation
 * (JSON and NDJSON), the body decoding (gzip) and the KServe CloudEvents payload parser with the pairing. Arbitrary
 * strings, byte arrays and mutated valid bodies either pass or fail with a 4xx {@link ApiException} (the CloudEvent
 * payload parser with its documented {@link IllegalArgumentException}); never another exception (a 500).
 */
class IngestFuzzTest {
    private static final String EVENT = "{\"model\":\"m\",\"function_uri\":\"p/fn\",\"when\":\"2026-01-01T00:00:00Z\","
            + "\"request\":{\"id\":\"1\",\"inputs\":[[1,2]]},\"resp\":{\"id\":\"1\",\"outputs\":[0]},\"microsec\":10}";
    private static final List<String> VALID = List.of(EVENT, "[" + EVENT + "," + EVENT + "]", EVENT + "\n" + EVENT,
            "{\"id\":\"1\",\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[2,2],\"data\":[1,2,3,4]}]}",
            "{\"model_name\":\"m\",\"outputs\":[{\"name\":\"y\",\"datatype\":\"INT64\",\"shape\":[2],\"data\":[0,1]}]}",
            "{\"instances\":[[1,2],{\"a\":1}]}", "{\"predictions\":[0,[1,2]]}");
    private final CloudEventPairs pairs = new CloudEventPairs(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            Duration.ofSeconds(60), new CloudEventPairs.Limits(100, 1 << 20));

    @Test
    void arbitraryStrings() {
        Fuzz.fuzz(Fuzz::randomString, (text) -> {
            everyParser(text.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void arbitraryBytes() {
        Fuzz.fuzz(Fuzz::randomBytes, (bytes) -> {
            everyParser(bytes);
        });
    }

    @Test
    void mutatedValidBodies() {
        Fuzz.fuzz(Fuzz.mutated(VALID), (body) -> {
            everyParser(body);
        });
    }


    private void everyParser(byte[] body) {
        only4xx(() -> EventBatch.fromJson(body, "p"));
        only4xx(() -> EventBatch.fromNdjson(body, "p"));
        only4xx(() -> RequestBodies.read(body.length, "gzip", new ByteArrayInputStream(body), 1 << 20));
        JsonNode json = null;
        try {
            json = Json.parse(body);
        } catch (ApiException e) {
            assertThat(e.status()).isBetween(400, 499);
        }
        if (json != null) {
            badPayloadOnly(json);
        }
        String id = Integer.toHexString(Arrays.hashCode(body));
        for (boolean request : new boolean[] {true, false}) {
            var half = new CloudEventPairs.Half("p", id, request, "isvc", null, null, null, Instant.EPOCH,
                    Instant.EPOCH, json, json == null ? "not JSON" : null, body.length);
            only4xx(() -> pairs.accept(half));
        }
    }

    private static void badPayloadOnly(JsonNode json) {
        try {
            KServePayloads.inputs(json);
        } catch (IllegalArgumentException expected) {
            // the documented "bad payload" (the pair is counted as an endpoint error)
        }
        try {
            KServePayloads.outputs(json);
        } catch (IllegalArgumentException expected) {
            // as above
        }
    }

    private static void only4xx(Runnable parse) {
        try {
            parse.run();
        } catch (ApiException e) {
            assertThat(e.status()).as(e.getMessage()).isBetween(400, 499);
        }
    }
}
