package io.driftwatch.serving.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrackerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant WHEN = Instant.parse("2026-03-04T05:06:07.123456789Z");
    static final TrackerConfig CONFIG = new TrackerConfig(8, 4, Duration.ofMillis(1), "3", "host-a",
            ZoneOffset.UTC);

    static TrackingEvent success(String id) {
        return TrackingEvent.builder().modelClass("io.x.Model").model("iris").version("v2").functionUri("proj/fn:prod")
                .labels(Map.of("team", "a")).requestId(id).inputs(List.of(List.of(5.1f, 3.5f)))
                .outputs(List.of(List.of(0L, 0.9f, 0.1f))).when(WHEN).respondedAt(WHEN.plusMillis(2))
                .microsec(2_345_678).build();
    }

    @Test
    void successEventHasTheMlrunFieldsAndWholeLatency() throws Exception {
        TrackingEventCodec codec = TrackingEventCodec.of("3", "host-a", ZoneId.of("Europe/Berlin"));
        JsonNode e = JSON.readTree(codec.encode(success("r1")));
        assertThat(e.properties()).extracting(Map.Entry::getKey).containsExactly("project", "class", "worker",
                "model", "version", "host", "function_uri", "labels", "request", "op", "resp", "when", "microsec");
        assertThat(e.get("project").asText()).isEqualTo("proj");
        assertThat(e.get("class").asText()).isEqualTo("io.x.Model");
        assertThat(e.get("worker").asText()).isEqualTo("3");
        assertThat(e.get("model").asText()).isEqualTo("iris");
        assertThat(e.get("version").asText()).isEqualTo("v2");
        assertThat(e.get("host").asText()).isEqualTo("host-a");
        assertThat(e.get("function_uri").asText()).isEqualTo("proj/fn:prod");
        assertThat(e.get("labels").toString()).isEqualTo("{\"team\":\"a\"}");
        assertThat(e.get("request").toString()).isEqualTo("{\"id\":\"r1\",\"inputs\":[[5.1,3.5]]}");
        assertThat(e.get("op").asText()).isEqualTo("infer");
        assertThat(e.get("resp").toString()).isEqualTo("{\"id\":\"r1\",\"model_name\":\"iris\",\"outputs\":"
                + "[[0,0.9,0.1]],\"timestamp\":\"2026-03-04T06:06:07.125456+01:00\",\"model_version\":\"v2\"}");
        assertThat(e.get("when").asText()).isEqualTo("2026-03-04T06:06:07.123456+01:00");
        assertThat(e.get("microsec").asLong()).isEqualTo(2_345_678L);
    }

    @Test
    void errorEventCarriesErrorAndNoRespOrLatency() throws Exception {
        TrackingEventCodec codec = TrackingEventCodec.of("0", "h", ZoneOffset.UTC);
        JsonNode e = JSON.readTree(codec.encode(TrackingEvent.builder().modelClass("unknown").model("nope")
                .functionUri("p/f").requestId("r2").when(WHEN).error("model 'nope' is not served").build()));
        assertThat(e.has("resp")).isFalse();
        assertThat(e.has("microsec")).isFalse();
        assertThat(e.get("version").isNull()).isTrue();
        assertThat(e.get("error").asText()).isEqualTo("model 'nope' is not served");
        assertThat(e.get("request").toString()).isEqualTo("{\"id\":\"r2\"}");
        assertThat(e.get("when").asText()).isEqualTo("2026-03-04T05:06:07.123456+00:00");
    }

    @Test
    void aSuccessEventWithoutOutputsIsRejected() {
        assertThatThrownBy(() -> TrackingEvent.builder().modelClass("c").model("m").functionUri("p/f").requestId("r")
                .inputs(List.of()).when(WHEN).respondedAt(WHEN).microsec(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outputs");
    }

    @Test
    void theBuilderMakesWhatTheNamedFactoriesMake() {
        TrackingEvent ok = success("r1");
        assertThat(ok).isEqualTo(TrackingEvent.success("io.x.Model", "iris", "v2", "proj/fn:prod",
                Map.of("team", "a"), "r1", List.of(List.of(5.1f, 3.5f)), List.of(List.of(0L, 0.9f, 0.1f)), WHEN,
                WHEN.plusMillis(2), 2_345_678));
        assertThat(ok.toBuilder().build()).isEqualTo(ok);
        TrackingEvent failed = ok.toBuilder().outputs(null).respondedAt(null).microsec(0).error("boom").build();
        assertThat(failed).isEqualTo(TrackingEvent.failure("io.x.Model", "iris", "v2", "proj/fn:prod",
                Map.of("team", "a"), "r1", List.of(List.of(5.1f, 3.5f)), WHEN, "boom"));
        assertThat(failed.isError()).isTrue();
    }

    @Test
    void deliversEveryEventInBatches() throws Exception {
        List<List<byte[]>> batches = new CopyOnWriteArrayList<>();
        try (Tracker t = Tracker.start(batches::add, CONFIG)) {
            for (int i = 0; i < 6; i++) {
                assertThat(t.track(success("r" + i))).isTrue();
            }
        }
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 4));
        List<String> ids = batches.stream().flatMap(List::stream)
                .map(b -> readUnchecked(b).get("request").get("id").asText()).toList();
        assertThat(ids).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
    }

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() throws Exception {
        CountDownLatch inSink = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<byte[]> got = new CopyOnWriteArrayList<>();
        TrackerConfig one = new TrackerConfig(3, 1, Duration.ofMillis(1), "0", "h", ZoneOffset.UTC);
        Tracker t = Tracker.start(events -> {
            inSink.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> release.getCount() == 0);
            got.addAll(events);
        }, one);
        assertThat(t.track(success("first"))).isTrue();
        assertThat(inSink.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        List<Boolean> accepted = List.of(t.track(success("a")), t.track(success("b")), t.track(success("c")),
                t.track(success("d")), t.track(success("e")));
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(accepted).containsExactly(true, true, true, false, false);
        assertThat(t.stats()).isEqualTo(new TrackerStats(4, 2, 0, 0, 3));
        release.countDown();
        t.close();
        assertThat(t.stats()).isEqualTo(new TrackerStats(4, 2, 4, 0, 0));
        assertThat(got).hasSize(4);
        assertThat(t.track(success("late"))).isFalse();
        assertThat(t.stats().dropped()).isEqualTo(3);
    }

    @Test
    void aFailingSinkCountsLostEventsAndKeepsRunning() {
        List<byte[]> got = new CopyOnWriteArrayList<>();
        boolean[] fail = {true};
        try (Tracker t = Tracker.start(events -> {
            if (fail[0]) {
                fail[0] = false;
                throw new IllegalStateException("stream down");
            }
            got.addAll(events);
        }, new TrackerConfig(8, 1, Duration.ofMillis(1), "0", "h", ZoneOffset.UTC))) {
            t.track(success("lost"));
            t.track(success("kept"));
        }
        assertThat(got).hasSize(1);
        assertThat(readUnchecked(got.getFirst()).get("request").get("id").asText()).isEqualTo("kept");
    }

    @Test
    void samplerKeepsTheRateExactlyAndEvenly() {
        Sampler quarter = Sampler.of(0.25);
        int kept = 0;
        for (int i = 1; i <= 400; i++) {
            boolean k = quarter.sample();
            assertThat(k).as("request %d", i).isEqualTo(i % 4 == 0);
            kept += k ? 1 : 0;
        }
        assertThat(kept).isEqualTo(100);
        Sampler third = Sampler.of(1.0 / 3);
        long n = IntStream.range(0, 3000).filter(i -> third.sample()).count();
        assertThat(n).isBetween(999L, 1001L);
        assertThatThrownBy(() -> Sampler.of(0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> Sampler.of(1.5)).hasMessageContaining("(0, 1]");
    }

    static JsonNode readUnchecked(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
