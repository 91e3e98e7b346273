package io.driftwatch.engine.processor;

import static io.driftwatch.engine.processor.Events.bytes;
import static io.driftwatch.engine.processor.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.EndpointId;
import io.driftwatch.engine.image.ImageStats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class EventParserTest {
    static final Instant T = Instant.parse("2025-03-04T05:06:07.123456Z");
    static final Instant APPEND = Instant.parse("2025-03-04T05:06:09Z");
    final EventParser parser = new EventParser();

    ParsedEvent parse(String json) {
        return parser.parse(bytes(json), APPEND);
    }

    ParsedEvent.Predictions ok(String inputs, String outputs) {
        return (ParsedEvent.Predictions) parse(event("m", T, "r1", 2_500_000, inputs, outputs));
    }

    static List<List<Object>> lists(List<Object[]> rows) {
        return rows.stream().map(Arrays::asList).toList();
    }

    @Test
    void mlrunEventParsesWithSpaceSeparatorAndMicroseconds() {
        ParsedEvent.Predictions p = ok("[[1, 2.5, \"a\", true]]", "[0.75]");
        assertThat(p.when()).isEqualTo(T);
        assertThat(p.latencyMicros()).isEqualTo(2_500_000);
        assertThat(p.requestId()).isEqualTo("r1");
        assertThat(p.id().project()).isEqualTo("proj");
        assertThat(p.id().uid()).isEqualTo(EndpointId.of("proj", "proj/serving", "m", null));
        assertThat(p.id().modelClass()).isEqualTo("ChurnModel");
        assertThat(p.id().labels()).containsEntry("env", "prod");
        assertThat(lists(p.inputs())).containsExactly(List.of(1.0, 2.5, "a", true));
        assertThat(lists(p.outputs())).containsExactly(List.of(0.75));
    }

    @Test
    void timesWithTAndOtherOffsetsAndWithoutOffset() {
        assertThat(EventParser.parseTime("2025-03-04T07:06:07.123456+02:00")).isEqualTo(T);
        assertThat(EventParser.parseTime("2025-03-04 05:06:07.123456Z")).isEqualTo(T);
        assertThat(EventParser.parseTime("2025-03-04 05:06:07.123456")).isEqualTo(T);
    }

    @Test
    void batchRowsPairWithOutputs() {
        ParsedEvent.Predictions p = ok("[[1, 2], [3, 4], [5, 6]]", "[10, 20, 30]");
        assertThat(lists(p.inputs())).containsExactly(List.of(1.0, 2.0), List.of(3.0, 4.0), List.of(5.0, 6.0));
        assertThat(lists(p.outputs())).containsExactly(List.of(10.0), List.of(20.0), List.of(30.0));
    }

    @Test
    void multiOutputRowsGiveSeveralLabels() {
        ParsedEvent.Predictions p = ok("[[1, 2], [3, 4]]", "[[0.1, 0.9], [0.8, 0.2]]");
        assertThat(lists(p.outputs())).containsExactly(List.of(0.1, 0.9), List.of(0.8, 0.2));
        ParsedEvent.Predictions single = ok("[[1, 2]]", "[0.1, 0.9]");
        assertThat(lists(single.outputs())).containsExactly(List.of(0.1, 0.9));
    }

    @Test
    void scalarOutputAndFlatInputsAreOneRow() {
        ParsedEvent.Predictions p = ok("[1, 2, 3]", "7");
        assertThat(lists(p.inputs())).containsExactly(List.of(1.0, 2.0, 3.0));
        assertThat(lists(p.outputs())).containsExactly(List.of(7.0));
    }

    @Test
    void theShorterSideWins() {
        assertThat(ok("[[1], [2], [3]]", "[[10], [20]]").inputs()).hasSize(2);
        assertThat(ok("[[1], [2]]", "[[10], [20], [30]]").outputs()).hasSize(2);
    }

    @Test
    void nullsAndNestedValuesAreKept() {
        ParsedEvent.Predictions p = ok("[[null, [[1, 2], [3]], {\"a\": 1}, \"aGVsbG8=\"]]", "[\"cat\"]");
        assertThat(lists(p.inputs()).getFirst()).containsExactly(null, "[[1,2],[3]]", "{\"a\":1}", "aGVsbG8=");
        assertThat(lists(p.outputs())).containsExactly(List.of("cat"));
    }

    @Test
    void aNestedArrayImageIsOneValueWithItsStatistics() {
        ParsedEvent.Predictions p = ok("[[0.5, [[1, 2], [3, 4]]]]", "[1]");
        ImageStats gray = new ImageStats(2, 2, 1, 2.5, Math.sqrt(1.25), List.of(2.5));
        assertThat(lists(p.inputs()).getFirst()).containsExactly(0.5, gray);
        ParsedEvent.Predictions whole = ok("[[[[0, 0, 0], [255, 255, 255]]]]", "[1]");
        assertThat(lists(whole.inputs()).getFirst()).containsExactly(
                new ImageStats(2, 1, 3, 127.5, 127.5, List.of(127.5, 127.5, 127.5)));
    }

    @Test
    void aBase64PngIsOneValueWithItsStatistics() throws Exception {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 10);
        img.getRaster().setSample(1, 0, 0, 30);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        String b64 = Base64.getEncoder().encodeToString(png.toByteArray());
        ParsedEvent.Predictions p = ok("[\"" + b64 + "\", \"/9j/notajpeg\"]", "[1]");
        assertThat(lists(p.inputs()).getFirst()).containsExactly(
                new ImageStats(2, 1, 1, 20, 10, List.of(20.0)), "/9j/notajpeg");
    }

    @Test
    void customMetricsAreParsed() {
        String json = event("m", T, "r", 5, "[[1]]", "[1]").replace("\"op\"", "\"metrics\":{\"acc\":0.5,\"n\":3},\"op\"");
        assertThat(((ParsedEvent.Predictions) parse(json)).customMetrics()).containsEntry("acc", 0.5)
                .containsEntry("n", 3.0);
    }

    @Test
    void projectFieldWinsOverFunctionUriPrefix() {
        String json = event("m", T, "r", 5, "[[1]]", "[1]").replace("{\"class\"", "{\"project\":\"other\",\"class\"");
        ParsedEvent.Predictions p = (ParsedEvent.Predictions) parse(json);
        assertThat(p.id().project()).isEqualTo("other");
        assertThat(p.id().uid()).isEqualTo(EndpointId.of("other", "proj/serving", "m", null));
    }

    @Test
    void modelErrorEvent() {
        ParsedEvent.ModelError e = (ParsedEvent.ModelError) parse(Events.modelError("m", T, "boom"));
        assertThat(e.message()).isEqualTo("boom");
        assertThat(e.when()).isEqualTo(T);
    }

    @Test
    void missingOrWrongFieldsAreDataErrorsNamingTheProblem() {
        String good = event("m", T, "r1", 5, "[[1]]", "[1]");
        assertInvalid(good.replaceFirst("\"when\":\"[^\"]*\",", ""), "missing 'when'", APPEND);
        assertInvalid(good.replace("\"when\":\"", "\"when\":\"yesterday"), "not an ISO-8601", APPEND);
        assertInvalid(good.replace("\"id\":\"r1\",", "").replace("\"id\":\"r1\",", ""), "request id", T);
        assertInvalid(good.replace(",\"microsec\":5", ""), "missing 'microsec'", T);
        assertInvalid(good.replace("\"microsec\":5", "\"microsec\":\"5\""), "'microsec' must be", T);
        assertInvalid(good.replace("\"inputs\":[[1]]", "\"x\":1"), "missing request.inputs", T);
        assertInvalid(good.replace("\"inputs\":[[1]]", "\"inputs\":{}"), "request.inputs must be", T);
        assertInvalid(good.replace("\"outputs\":[1]", "\"outputs\":null"), "missing resp.outputs", T);
        assertInvalid(good.replace("\"op\"", "\"metrics\":{\"acc\":\"high\"},\"op\""), "metric 'acc'", T);
    }

    private void assertInvalid(String json, String message, Instant time) {
        ParsedEvent e = parse(json);
        assertThat(e).as(json).isInstanceOf(ParsedEvent.Invalid.class);
        assertThat(((ParsedEvent.Invalid) e).message()).contains(message);
        assertThat(((ParsedEvent.Invalid) e).time()).isEqualTo(time);
    }

    @Test
    void eventsNamingNoEndpointAreUnattributed() {
        assertThat(parse("{not json")).isEqualTo(new ParsedEvent.Unattributed(
                ((ParsedEvent.Unattributed) parse("{not json")).message(), true));
        assertThat(parse("[1,2]")).isInstanceOfSatisfying(ParsedEvent.Unattributed.class,
                u -> assertThat(u.unparseable()).isTrue());
        ParsedEvent noModel = parse(event("m", T, "r", 5, "[[1]]", "[1]").replace("\"model\":\"m\",", ""));
        assertThat(noModel).isInstanceOfSatisfying(ParsedEvent.Unattributed.class,
                u -> assertThat(u.message()).contains("missing 'model'"));
        ParsedEvent noProject = parse(event("m", T, "r", 5, "[[1]]", "[1]").replace("proj/serving", "serving"));
        assertThat(noProject).isInstanceOfSatisfying(ParsedEvent.Unattributed.class,
                u -> assertThat(u.message()).contains("project"));
    }
}
