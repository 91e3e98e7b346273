package io.driftwatch.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.EndpointId;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.labels.LabelStreamRecords;
import io.driftwatch.engine.labels.LabelledSamples;
import io.driftwatch.engine.port.LabelRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Label records through the stream processor into the time-series store, and joined into a window's frame. */
class LabelRecordsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final String UID = EndpointId.of("proj", "proj/serving", "m", null);

    @Test
    void labelRecordsAreStoredReplacedAndJoinedByRequestIdAndRow() throws Exception {
        Harness h = new Harness(T0.plusSeconds(3600));
        h.append(Events.event("m", T0, "r1", 10, "[[1, 2]]", "[0]"),
                Events.event("m", T0.plusSeconds(1), "r2", 10, "[[1, 2], [3, 4]]", "[1, 2]"),
                Events.event("m", T0.plusSeconds(2), "r3", 10, "[[5, 6]]", "[1]"));
        DefaultStreamProcessor p = h.processor();
        p.pollOnce();
        p.flush();
        Instant received = T0.plusSeconds(3600);
        h.stream.append(List.of(
                LabelStreamRecords.encode("proj", UID, received, List.of(
                        new LabelRecord("proj", UID, "r1", 0, T0, "0", received),
                        new LabelRecord("proj", UID, "r2", 1, T0.plusSeconds(1), "\"two\"", received))),
                LabelStreamRecords.encode("proj", UID, received, List.of(
                        new LabelRecord("proj", UID, "r2", 1, T0.plusSeconds(1), "2", received)))));
        p.pollOnce();
        p.flush();

        assertThat(h.timeSeries.labels("proj", UID, T0, T0.plusSeconds(60))).hasSize(2);
        SampleFrame frame = new LabelledSamples(h.samples, h.timeSeries).read("proj", UID,
                Window.of(T0, Duration.ofMinutes(1)));
        assertThat(frame.columnNames()).endsWith(LabelledSamples.LABEL_COLUMN);
        assertThat(frame.values(LabelledSamples.LABEL_COLUMN)).containsExactly(0L, null, 2L, null);
        assertThat(p.stats().unparseable()).isZero();
    }

    @Test
    void inlineLabelsOfATrackingEventAreStoredByRow() throws Exception {
        Harness h = new Harness(T0.plusSeconds(3600));
        String batch = Events.event("m", T0, "r1", 10, "[[1, 2], [3, 4], [5, 6]]", "[0, 1, 1]");
        String one = Events.event("m", T0.plusSeconds(1), "r2", 10, "[[1, 2]]", "[1]");
        String bad = Events.event("m", T0.plusSeconds(2), "r3", 10, "[[1, 2]]", "[1]");
        h.append(batch.substring(0, batch.length() - 1) + ",\"y_true\":[0, null, \"x\", 9]}",
                one.substring(0, one.length() - 1) + ",\"y_true\":1}",
                bad.substring(0, bad.length() - 1) + ",\"y_true\":[{\"a\": 1}]}");
        DefaultStreamProcessor p = h.processor();
        p.pollOnce();
        p.flush();
        SampleFrame frame = new LabelledSamples(h.samples, h.timeSeries).read("proj", UID,
                Window.of(T0, Duration.ofMinutes(1)));
        assertThat(frame.values(LabelledSamples.LABEL_COLUMN)).containsExactly(0L, null, "x", 1L);
        assertThat(p.stats().dataErrors()).as("a y_true that is not labels is a data error").isEqualTo(1);
    }

    @Test
    void aWindowWithoutLabelsKeepsItsFrame() throws Exception {
        Harness h = new Harness(T0.plusSeconds(3600));
        h.append(Events.event("m", T0, "r1", 10, "[[1, 2]]", "[0]"));
        DefaultStreamProcessor p = h.processor();
        p.pollOnce();
        p.flush();
        SampleFrame frame = new LabelledSamples(h.samples, h.timeSeries).read("proj", UID,
                Window.of(T0, Duration.ofMinutes(1)));
        assertThat(frame.columnNames()).doesNotContain(LabelledSamples.LABEL_COLUMN);
    }
}
