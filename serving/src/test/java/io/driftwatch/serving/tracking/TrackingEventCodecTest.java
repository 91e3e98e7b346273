package io.driftwatch.serving.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The codec's direct value writing and cached time formatting against Jackson databind and the formatter. */
class TrackingEventCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void timesMatchTheFormatterAcrossZonesSecondsAndDaylightSaving() {
        Random r = new Random(7);
        for (String z : List.of("UTC", "Europe/Berlin", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe")) {
            ZoneId zone = ZoneId.of(z);
            TrackingEventCodec codec = TrackingEventCodec.of("0", "h", zone);
            Instant t = Instant.parse("2026-03-29T00:59:58.999999Z"); // Berlin's DST switch at 01:00 UTC
            for (int i = 0; i < 5_000; i++) {
                assertThat(codec.format(t)).as("%s in %s", t, z).isEqualTo(TrackingEventCodec.WHEN.withZone(zone)
                        .format(t));
                t = r.nextInt(4) == 0 ? Instant.ofEpochSecond(r.nextLong(-2_000_000_000L, 4_000_000_000L),
                        r.nextInt(1_000_000_000)) : t.plusNanos(r.nextLong(0, 700_000_000L));
            }
        }
    }

    @Test
    void timesOutsideFourDigitYearsFallBackToTheFormatter() {
        TrackingEventCodec codec = TrackingEventCodec.of("0", "h", ZoneId.of("UTC"));
        for (Instant t : List.of(Instant.parse("+12026-01-01T00:00:00.5Z"), Instant.parse("0999-12-31T23:59:59Z"),
                Instant.parse("2026-01-01T00:00:00Z"))) {
            assertThat(codec.format(t)).isEqualTo(TrackingEventCodec.WHEN.withZone(ZoneId.of("UTC")).format(t));
        }
    }

    @Test
    void rowsAreWrittenAsJacksonDatabindWritesThem() throws Exception {
        List<Object> row = new ArrayList<>(Arrays.asList(5.9f, 3.0d, 7L, 8, (short) 9, true, null, "s\"x",
                Float.NaN, Double.POSITIVE_INFINITY, new BigDecimal("1.25"), List.of(1.5f, List.of("a")),
                Map.of("k", 1), new float[]{1.5f}));
        TrackingEvent e = TrackingEvent.builder().modelClass("c").model("m").functionUri("p/f")
                .labels(Map.of("b", "2", "a", "1")).requestId("id").inputs(List.of(row)).outputs(List.of(row, 3L))
                .when(Instant.parse("2026-01-02T03:04:05.000006Z")).respondedAt(Instant.parse("2026-01-02T03:04:06Z"))
                .microsec(5).build();
        String json = new String(TrackingEventCodec.of("0", "h", ZoneId.of("UTC")).encode(e),
                StandardCharsets.UTF_8);
        String rows = JSON.writeValueAsString(List.of(row));
        assertThat(json).contains("\"inputs\":" + rows + "}")
                .contains("\"outputs\":" + JSON.writeValueAsString(List.of(row, 3L)) + ",")
                .contains("\"labels\":{\"a\":\"1\",\"b\":\"2\"}")
                .contains("\"when\":\"2026-01-02T03:04:05.000006+00:00\"")
                .contains("\"timestamp\":\"2026-01-02T03:04:06.000000+00:00\"");
        assertThat(rows).contains("5.9,3.0,7,8,9,true,null,\"s\\\"x\",\"NaN\",\"Infinity\",1.25,[1.5,[\"a\"]]");
    }
}
