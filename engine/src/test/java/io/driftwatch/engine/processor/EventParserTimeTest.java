package io.driftwatch.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path for the serving codec's {@code when} layout agrees with {@link OffsetDateTime#parse}. */
class EventParserTimeTest {
    private static final DateTimeFormatter CODEC = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    @Test
    void fastPathMatchesTheFormatterOnRandomTimesAndOffsets() {
        Random r = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(r.nextLong(-30_000_000_000L, 250_000_000_000L), r.nextInt(1_000_000) * 1_000);
            ZoneOffset off = ZoneOffset.ofTotalSeconds(r.nextInt(-18 * 60, 18 * 60 + 1) * 60);
            String s = CODEC.format(t.atOffset(off));
            assertThat(EventParser.fastTime(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant()).isEqualTo(t);
            assertThat(EventParser.parseTime(s)).isEqualTo(t);
        }
    }

    @Test
    void otherLayoutsAndBadValuesLeaveTheFastPath() {
        for (String s : List.of("2026-02-30T00:00:00.000000+00:00", "2026-13-01T00:00:00.000000+00:00",
                "2026-01-01T24:00:00.000000+00:00", "2026-01-01T00:00:00.000000+19:00", "2026-01-01T00:00:00.00000a+00:00",
                "2026-01-01 00:00:00.000000+00:00", "2026-01-01T00:00:00.000000Z", "2026-01-01T00:00:00+00:00",
                "2026-01-01T00:00:00.000000+0100")) {
            assertThat(EventParser.fastTime(s)).as(s).isNull();
        }
        assertThatThrownBy(() -> EventParser.parseTime("2026-02-30T00:00:00.000000+00:00"))
                .hasMessageContaining("not an ISO-8601 time");
        assertThat(EventParser.parseTime("2026-01-01 00:00:00.000001+01:00"))
                .isEqualTo(Instant.parse("2025-12-31T23:00:00.000001Z"));
    }
}
