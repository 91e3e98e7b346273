package io.driftwatch.engine.processor;

import static io.driftwatch.engine.processor.Events.bytes;
import static io.driftwatch.engine.processor.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streaming fast path and the tree path of {@link EventParser} give the same outcome for every event. */
class EventParserPathsTest {
    static final Instant T = Instant.parse("2025-03-04T05:06:07.123456Z");
    static final Instant APPEND = Instant.parse("2025-03-04T05:06:09Z");
    final EventParser parser = new EventParser();
    final StreamingEventReader fast = new StreamingEventReader(new JsonFactory());

    /** Value-based text of an outcome (records holding Object[] do not compare by content). */
    static String describe(ParsedEvent e) {
        if (e instanceof ParsedEvent.Predictions p) {
            return "Predictions[" + p.id() + ", " + p.when() + ", " + p.requestId() + ", " + p.latencyMicros() + ", "
                    + p.inputs().stream().map(Arrays::deepToString).toList() + ", "
                    + p.outputs().stream().map(Arrays::deepToString).toList() + ", " + p.customMetrics() + "]";
        }
        return e.toString();
    }

    void sameOnBothPaths(String json) {
        ParsedEvent viaParse = parser.parse(bytes(json), APPEND);
        ParsedEvent viaTree = parser.parseTree(bytes(json), APPEND);
        assertThat(describe(viaParse)).as(json).isEqualTo(describe(viaTree));
    }

    @Test
    void usualEventsTakeTheFastPathWithTheTreeResult() {
        List<String> usual = List.of(
                event("m", T, "r1", 2_500, "[[1, 2.5, \"a\", true, null]]", "[0.75]"),
                event("m", T, "r1", 2_500, "[[1, 2], [3, 4], [5, 6]]", "[10, 20, 30]"),
                event("m", T, "r1", 2_500, "[[1, 2], [3, 4]]", "[[0.1, 0.9], [0.8, 0.2]]"),
                event("m", T, "r1", 2_500, "[[1, 2]]", "[0.1, 0.9]"),
                event("m", T, "r1", 2_500, "[1, 2, 3]", "[7]"),
                event("m", T, "r1", 2_500, "[[1], [2], [3]]", "[[10], [20]]"),
                event("m", T, "r1", 2_500, "[[1], [2]]", "[[10], [20], [30]]"),
                event("m", T, "r1", 2_500, "[[1e308, -0.0, 12345678901234567890, 1.5E-7]]", "[false]"),
                event("m", T, "r1", 2_500, "[[1, 2], [3, 4]]", "[[1], 2]"),
                "{\"model\":\"m\",\"function_uri\":\"p/f\",\"when\":\"2025-03-04T05:06:07Z\",\"microsec\":12.6,"
                        + "\"request\":{\"inputs\":[[1]]},\"resp\":{\"id\":\"x\",\"outputs\":[1]},"
                        + "\"labels\":{\"a\":null,\"b\":\"c\"},\"metrics\":{\"acc\":0.5,\"n\":3},\"error\":null,"
                        + "\"extra\":{\"deep\":[1,{\"x\":[]}]},\"project\":\"other\",\"version\":\"v2\"}");
        for (String json : usual) {
            assertThat(fast.read(bytes(json))).as("fast path taken for %s", json).isNotNull();
            sameOnBothPaths(json);
        }
    }

    @Test
    void unusualAndInvalidEventsFallBackToTheTree() {
        String ok = event("m", T, "r1", 2_500, "[[1, 2]]", "[0]");
        List<String> unusual = List.of(
                event("m", T, "r1", 2_500, "[[null, [[1, 2], [3, 4]], {\"a\": 1}]]", "[\"cat\"]"),
                event("m", T, "r1", 2_500, "[[1, 2], 3]", "[0, 1]"),
                event("m", T, "r1", 2_500, "[[1, 2]]", "7"),
                event("m", T, "r1", 2_500, "[[1, 2]]", "[]"),
                event("m", T, "r1", 2_500, "[]", "[1]"),
                event("m", T, "r1", -5, "[[1, 2]]", "[0]"),
                event("m", T, "", 2_500, "[[1, 2]]", "[0]"),
                Events.modelError("m", T, "boom"),
                ok.replace("\"model\":\"m\",", ""),
                ok.replace("\"model\":\"m\",", "\"model\":\"m\",\"model\":\"n\","),
                ok.replace("\"function_uri\":\"proj/serving\"", "\"function_uri\":\"serving\""),
                ok.replace("\"function_uri\":\"proj/serving\"", "\"function_uri\":7"),
                ok.replace("\"labels\":{\"env\":\"prod\"}", "\"labels\":{\"env\":3}"),
                ok.replace("\"labels\":{\"env\":\"prod\"}", "\"labels\":[1]"),
                ok.replace("\"labels\":{\"env\":\"prod\"}", "\"metrics\":{\"acc\":\"x\"}"),
                ok.replace("\"id\":\"r1\"", "\"id\":17"),
                ok.replace("\"microsec\":2500", "\"microsec\":\"2500\""),
                ok.replace("\"microsec\":2500", ""),
                ok.replace("\"when\":", "\"when\":null,\"x\":"),
                ok.replace("2025-03-04 05:06:07.123456+00:00", "yesterday"),
                ok.replace("\"resp\":{", "\"resp\":null,\"r2\":{"),
                "{\"model\": \"m\", \"function_uri\": \"p/f\", \"request\": {\"inputs\": [[1]]",
                "[1, 2]",
                "not json");
        for (String json : unusual) {
            assertThat(fast.read(bytes(json))).as("fast path declined %s", json).isNull();
            sameOnBothPaths(json);
        }
    }

    @Test
    void randomShapesAgree() {
        SplittableRandom r = new SplittableRandom(7);
        String[] scalars = {"1", "-2.5", "0", "1e-3", "\"s\"", "true", "false", "null", "[1, 2]", "{\"k\": 1}"};
        for (int i = 0; i < 2_000; i++) {
            String inputs = array(r, scalars, r.nextInt(4), r.nextInt(4));
            String outputs = r.nextInt(5) == 0 ? scalars[r.nextInt(scalars.length)]
                    : array(r, scalars, r.nextInt(4), r.nextInt(3));
            sameOnBothPaths(event("m", T, "r" + i, r.nextInt(10_000), inputs, outputs));
        }
    }

    /** An array of {@code rows} elements: arrays of {@code width} scalars, or (sometimes) bare scalars. */
    private static String array(SplittableRandom r, String[] scalars, int rows, int width) {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            if (r.nextInt(6) == 0) {
                elements.add(scalars[r.nextInt(scalars.length)]);
                continue;
            }
            List<String> row = new ArrayList<>();
            for (int j = 0; j < width; j++) {
                row.add(scalars[r.nextInt(r.nextInt(8) == 0 ? scalars.length : 8)]);
            }
            elements.add("[" + String.join(", ", row) + "]");
        }
        return "[" + String.join(", ", elements) + "]";
    }
}
