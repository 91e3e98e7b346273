package io.driftwatch.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bounded fuzzing (jqwik, 2,000 tries per property) of the stream processor's event parser: arbitrary strings, byte
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

    @Property(tries = 2000)
    void arbitraryStringsNeverThrow(@ForAll String text) {
        assertThat(parser.parse(text.getBytes(StandardCharsets.UTF_8), Instant.EPOCH)).isNotNull();
    }

    @Property(tries = 2000)
    void arbitraryBytesNeverThrow(@ForAll byte[] bytes) {
        assertThat(parser.parse(bytes, Instant.EPOCH)).isNotNull();
    }

    @Property(tries = 2000)
    void mutatedValidEventsNeverThrow(@ForAll("mutatedEvents") byte[] body) {
        assertThat(parser.parse(body, Instant.EPOCH)).isNotNull();
        assertThat(parser.parseTree(body, Instant.EPOCH)).isNotNull();
    }

    @Provide
    Arbitrary<byte[]> mutatedEvents() {
        return mutations(VALID);
    }

    /** Valid bodies with a few bytes replaced, inserted (JSON punctuation or random) or cut. */
    static Arbitrary<byte[]> mutations(List<String> valid) {
        Arbitrary<String> base = Arbitraries.of(valid);
        Arbitrary<Integer> seed = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Integer> edits = Arbitraries.integers().between(1, 8);
        return Combinators.combine(base, seed, edits).as(Mutations::mutate);
    }
}
