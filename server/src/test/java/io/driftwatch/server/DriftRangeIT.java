package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.ColumnStats;
import io.driftwatch.EndpointId;
import io.driftwatch.FeatureStats;
import io.driftwatch.NumericStats;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.Frame;
import io.driftwatch.stats.HistogramDrift;
import io.driftwatch.stats.Histograms;
import io.driftwatch.stats.Statistics;
import io.driftwatch.stats.json.FeatureStatsJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 pt 3 through the real server (embedded DuckDB + Parquet with summary sidecars): a week of backdated
 * predictions (4 days of iris rows, then 3 drifted days) uploaded as a batch; {@code /drift} over the week, the
 * drifted days against the reference and against the previous days, and {@code /drift/series} by day equal MLRun's
 * histogram drift of the rows the {@code /data} route returns for the same spans; bad input is a 400/404 naming it.
 */
class DriftRangeIT {
    private static final String P = "drift-range";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private Server server;
    private DriftwatchClient client;
    private final Instant t0 = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.DAYS);
    private final String uid = EndpointId.of(P, P + "/nightly", "iris", null);

    @BeforeEach
    void start() throws Exception {
        server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(500, Duration.ofMillis(200)).withGrace(Duration.ofSeconds(1)));
        client = DriftwatchClient.connect("http://localhost:" + server.port());
        client.createProject(P);
        client.logModel(P, "iris", null, "sklearn", "label", null, ServingTrackingIT.example("iris.csv"));
        client.enableMonitoring(P, "10m", false);
        List<String> iris = Files.readAllLines(ServingTrackingIT.example("iris.csv")).stream().skip(1).toList();
        List<String> csv = new ArrayList<>(List.of("timestamp,sepal_length,sepal_width,petal_length,petal_width,label"));
        for (int i = 0; i < 7 * 24 * 10; i++) {
            Instant t = t0.plus(Duration.ofMinutes(6L * i));
            String row = i < 4 * 24 * 10 ? iris.get(i % 150) : String.format(Locale.ROOT, "%.1f,%.1f,%.1f,0.5,1",
                    4.5 + (i % 7) * 0.5, 2.0 + (i % 3) * 0.2, 6.5 + (i % 4) * 0.3);
            csv.add(t + "," + row);
        }
        Path file = dir.resolve("week.csv");
        Files.write(file, csv);
        client.uploadBatch(P, null, "nightly", "iris", file, null, null);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.drift(P, uid, t0.toString(), t0.plus(Duration.ofDays(7)).toString(), null)
                        .path("rows").asLong() == 7 * 24 * 10);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aWeekAndItsDaysEqualTheDriftOfTheirRows() throws Exception {
        Instant end = t0.plus(Duration.ofDays(7));
        JsonNode week = client.drift(P, uid, t0.toString(), end.toString(), "reference");
        assertThat(week.path("cells").asInt()).isEqualTo(7 * 24 * 6);
        assertThat(week.path("covered").path("start").asText()).isEqualTo(t0.toString());
        assertThat(week.path("covered").path("end").asText()).isEqualTo(end.toString());
        assertSame(week, raw(t0, end, null, null));
        assertThat(week.path("drift_tests")).isNotEmpty();

        Instant drifted = t0.plus(Duration.ofDays(4));
        JsonNode vsRef = client.drift(P, uid, drifted.toString(), end.toString(), null);
        assertThat(vsRef.path("status").asText()).isEqualTo("detected");
        JsonNode vsPrev = client.drift(P, uid, drifted.toString(), end.toString(), "previous");
        assertThat(vsPrev.path("baseline").path("kind").asText()).isEqualTo("previous");
        assertThat(vsPrev.path("baseline").path("start").asText()).isEqualTo(t0.plus(Duration.ofDays(1)).toString());
        assertThat(vsPrev.path("baseline").path("rows").asLong()).isEqualTo(3 * 24 * 10);
        assertSame(vsPrev, raw(drifted, end, t0.plus(Duration.ofDays(1)), drifted));
        String explicit = t0.toEpochMilli() + "/" + t0.plus(Duration.ofDays(1)).toEpochMilli();
        JsonNode vsDay0 = client.drift(P, uid, drifted.toString(), end.toString(), explicit);
        assertThat(vsDay0.path("baseline").path("kind").asText()).isEqualTo("range");
        assertSame(vsDay0, raw(drifted, end, t0, t0.plus(Duration.ofDays(1))));

        JsonNode series = client.driftSeries(P, uid, t0.toString(), end.toString(), "day", null);
        assertThat(series.path("points")).hasSize(7);
        for (int d = 0; d < 7; d++) {
            JsonNode pt = series.path("points").get(d);
            Instant s = t0.plus(Duration.ofDays(d));
            assertThat(pt.path("start").asText()).isEqualTo(s.toString());
            assertThat(pt.path("rows").asLong()).isEqualTo(240);
            DriftReport r = raw(s, s.plus(Duration.ofDays(1)), null, null);
            assertThat(pt.path("general_drift").asDouble()).isCloseTo(r.generalDrift(), within(1e-12));
            r.features().forEach((k, f) -> assertThat(pt.path("features").path(k).path("tvd").asDouble())
                    .isCloseTo(f.tvd(), within(1e-12)));
        }
        assertThat(series.path("points").get(6).path("general_drift").asDouble())
                .isGreaterThan(series.path("points").get(0).path("general_drift").asDouble());
    }

    @Test
    void badInputIsRefusedNamingTheProblem() {
        String base = "/projects/" + P + "/model-endpoints/" + uid + "/drift";
        assertError(base + "?start=2026-01-02T00:00:00Z&end=2026-01-01T00:00:00Z", 400, "is not before end");
        assertError(base + "/series?granularity=month", 400, "unknown granularity 'month'");
        assertError(base + "?start=2024-01-01T00:00:00Z&end=2026-01-01T00:00:00Z", 400, "more than the 400 days");
        assertError(base + "?baseline=yesterday", 400, "reference, previous or <start>/<end>");
        assertError(base + "?baseline=x/2026-01-01T00:00:00Z", 400, "'baseline start' is not a time");
        assertError(base + "?start=soon", 400, "'start' is not a time");
        assertError(base + "?window=1h", 400, "unknown query parameter");
        assertError("/projects/" + P + "/model-endpoints/nosuchuid/drift", 404, "nosuchuid");
        assertError("/projects/nosuchproject/model-endpoints/" + uid + "/drift/series", 404, "nosuchproject");
    }

    private void assertError(String path, int status, String text) {
        HttpResponse<String> r = send(path);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(status);
        assertThat(r.body()).as(path).contains(text);
    }

    private static void assertSame(JsonNode api, DriftReport raw) {
        assertThat(api.path("general_drift").asDouble()).isCloseTo(raw.generalDrift(), within(1e-12));
        assertThat(api.path("status").asText()).isEqualTo(raw.status().wireName());
        assertThat(api.path("features")).hasSize(raw.features().size());
        for (JsonNode f : api.path("features")) {
            var d = raw.features().get(f.path("name").asText());
            assertThat(f.path("tvd").asDouble()).isCloseTo(d.tvd(), within(1e-12));
            assertThat(f.path("hellinger").asDouble()).isCloseTo(d.hellinger(), within(1e-12));
            assertThat(f.path("kld").asDouble()).isCloseTo(d.kld(), within(1e-12));
        }
    }

    /** MLRun's histogram drift of the rows of {@code [s, e)} (from /data) against the reference or {@code [bs, be)}. */
    private DriftReport raw(Instant s, Instant e, Instant bs, Instant be) throws Exception {
        JsonNode ep = client.endpoint(P, uid, false);
        FeatureStats ref = padded(FeatureStatsJson.read(ep.path("status").path("feature_stats")));
        FeatureStats now = Statistics.window(rows(s, e), ref).stats();
        FeatureStats then = bs == null ? ref : Statistics.window(rows(bs, be), ref).stats();
        return HistogramDrift.create().compare(then, now);
    }

    private Frame rows(Instant s, Instant e) throws Exception {
        JsonNode rows = JSON.readTree(send("/projects/" + P + "/model-endpoints/" + uid + "/data?format=json&start="
                + s + "&end=" + e).body());
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String c : List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "label")) {
                m.put(c, r.path(c).asDouble());
            }
            out.add(m);
        }
        return Frame.fromMaps(out);
    }

    private static FeatureStats padded(FeatureStats reference) {
        Map<String, ColumnStats> out = new LinkedHashMap<>();
        reference.columns().forEach((k, s) -> out.put(k, s instanceof NumericStats n ? new NumericStats(n.count(),
                n.mean(), n.std(), n.min(), n.p25(), n.p50(), n.p75(), n.max(), Histograms.pad(n.hist())) : s));
        return FeatureStats.of(out);
    }

    private HttpResponse<String> send(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }
}
