package io.driftwatch.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.testkit.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing (2,000 seeded tries per test, no framework: {@link Fuzz#fuzz}) of the stream processor's event parser: arbitrary strings, byte
 * arrays and mutated valid events never make it throw (its contract: bad input becomes an outcome, not an
 * exception).
 */
class EventParserFuzzTest {
    static final List<String> VALID = List.of(
            "{\"model\":\"m\",\"function_uri\":\"p/fn\",\"when\":\"2026-01-01T00:00:00Z\",\"request\":{\"id\":\"1\","
                    + "\"inputs\":[[1,2.5,\"a\"]]},\"resp\":{\"id\":\"1\",\"outputs\":[0]},\"microsec\":10}",
            "{\"model\":\"m\",\"function_uri\":\"p/fn\",\"request\":{\"inputs\":[{\"x\":1}],\"timestamp\":\"2026-01-01 "
                    + "00:00:00\"},\"resp\":{\"outputs\":[[0.1,0.9]]},\"labels\":{\"a\":\"b\"},\"error\":\"boom\"}",
            "{\"project\":\"p\",\"class\":\"kserve\",\"model\":\"m\",\"version\":\"v1\",\"function_uri\":\"p/f\","
                    + "\"request\":{\"inputs\":[[\"iVBORw0KGgo=\"]]},\"resp\":{\"outputs\":[1]},\"when\":1767225600000}");
    private final EventParser parser = new EventParser();

    @Test
    void arbitraryStringsNeverThrow() {
        Fuzz.fuzz(Fuzz::randomString, (text) -> {
            assertThat(parser.parse(text.getBytes(StandardCharsets.UTF_8), Instant.EPOCH)).isNotNull();
        });
    }

    @Test
    void arbitraryBytesNeverThrow() {
        Fuzz.fuzz(Fuzz::randomBytes, (bytes) -> {
            assertThat(parser.parse(bytes, Instant.EPOCH)).isNotNull();
        });
    }

    @Test
    void mutatedValidEventsNeverThrow() {
        Fuzz.fuzz(Fuzz.mutated(VALID), (body) -> {
            assertThat(parser.parse(body, Instant.EPOCH)).isNotNull();
            assertThat(parser.parseTree(body, Instant.EPOCH)).isNotNull();
        });
    }
}
