package io.driftwatch.server;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import io.driftwatch.server.http.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image inputs over HTTP (issue 15, point 6): events whose input is an image — a height × width × 3 nested array or
 * a base64 PNG made here with ImageIO — give the endpoint ONE feature ({@code f0}) whose derived statistics are
 * columns {@code f0.width}, {@code f0.height}, {@code f0.channels}, {@code f0.brightness}, {@code f0.contrast} and
 * {@code f0.channel_{0,1,2}_mean} in the data route (JSON, CSV, Parquet read with DuckDB); the first window is the
 * reference of those columns and a brighter second window drifts.
 */
class ImageInputsIT {
    private static final String P = "images";
    private static final String MODEL = "vision";
    private static final int PER_WINDOW = 40;
    @TempDir
    Path dir;

    @Test
    void imagesBecomeOneFeatureWithDerivedStatisticsThatDrift() throws Exception {
        try (Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(dir.resolve("data"))
                .withFlush(50, Duration.ofMillis(200)))) {
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            client.createProject(P);
            // 40 images per 1-minute window: below the built-in apps' default min_rows of 100, so the project sets 20
            client.post("/projects/" + P + "/model-monitoring/enable-model-monitoring?base_period=1m&min_rows=20", null);
            Instant t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
            Map<String, int[][][]> sent = new HashMap<>();
            List<ObjectNode> events = new ArrayList<>();
            for (int i = 0; i < 2 * PER_WINDOW; i++) {
                boolean first = i < PER_WINDOW; // the second window: brighter, larger, more contrast
                int[][][] img = first ? image(10 + i % 10, i % 2 == 0 ? 2 : 3, 3, 10)
                        : image(130 + i % 10, i % 2 == 0 ? 4 : 5, 4, 25);
                String id = "r" + i;
                sent.put(id, img);
                Instant when = t0.plusMillis(i < PER_WINDOW ? 1000L * i : 60_000 + 1000L * (i - PER_WINDOW));
                events.add(event(id, when, i % 2 == 0 ? nested(img) : Json.MAPPER.getNodeFactory().textNode(png(img))));
            }
            Instant closeAt = t0.plusSeconds(200);
            events.add(event("close", closeAt, nested(image(0, 2, 3, 10))));
            client.ingest(P, events);
            String uid = EndpointId.of(P, P + "/serving", MODEL, null);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> closeAt.toString().equals(status(client, uid).path("last_request").asText()));

            JsonNode record = client.endpoint(P, uid, false);
            assertThat(record.path("spec").path("feature_names").toString()).isEqualTo("[\"f0\"]");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> rowCount(server.port(), uid) == 2 * PER_WINDOW + 1); // flushed to Parquet
            JsonNode rows = Json.MAPPER.readTree(data(server.port(), uid, "json"));
            assertThat(rows).hasSize(2 * PER_WINDOW + 1);
            for (JsonNode row : rows) {
                if (!row.path("request_id").asText().equals("close")) {
                    assertStats(row, sent.get(row.path("request_id").asText()));
                }
                assertThat(row.has("f0")).as("the raw image is not stored").isFalse();
                assertThat(row.has("f1")).as("no pseudo-features").isFalse();
            }
            String csv = data(server.port(), uid, "csv");
            assertThat(csv.lines().findFirst().orElseThrow()).contains("f0.width", "f0.height", "f0.channels",
                    "f0.brightness", "f0.contrast", "f0.channel_0_mean", "f0.channel_1_mean", "f0.channel_2_mean");
            assertParquet(server.port(), uid, rows);

            // the scheduler's first run may already have analysed some of the two windows; after this run both are
            assertThat(client.runController(P)).isBetween(0, 2);
            JsonNode values = client.metricsValues(P, uid, List.of(P + ".histogram-data-drift.result.general_drift"),
                    null, null).get(0).path("values");
            assertThat(values).hasSize(2);
            assertThat(values.get(0).get(1).asDouble()).as("the first window is the reference").isCloseTo(0, within(1e-6));
            assertThat(values.get(1).get(1).asDouble()).as("the brighter, larger window drifts").isGreaterThan(0.7);
            assertThat(values.get(1).get(2).asInt()).as("drift detected").isEqualTo(2);
            JsonNode status = status(client, uid);
            assertThat(status.path("feature_stats").has("f0.brightness")).isTrue();
            assertThat(status.path("drift_measures").path("f0.brightness").path("tvd").asDouble()).isEqualTo(1.0);
            assertThat(status.path("drift_measures").path("f0.height").path("tvd").asDouble()).isEqualTo(1.0);
        }
    }

    /** A {@code height × width × 3} RGB image whose pixels rise from {@code base} by {@code step} per line. */
    private static int[][][] image(int base, int height, int width, int step) {
        int[][][] img = new int[height][width][3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img[y][x] = new int[]{base + step * y, base + 5 * x, base + 20};
            }
        }
        return img;
    }

    private static void assertStats(JsonNode row, int[][][] img) {
        int h = img.length;
        int w = img[0].length;
        double[] sums = new double[3];
        List<Double> brightness = new ArrayList<>();
        for (int[][] line : img) {
            for (int[] px : line) {
                for (int c = 0; c < 3; c++) {
                    sums[c] += px[c];
                }
                brightness.add(0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2]);
            }
        }
        double mean = brightness.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double std = Math.sqrt(brightness.stream().mapToDouble(b -> (b - mean) * (b - mean)).average().orElseThrow());
        assertThat(row.path("f0.width").asDouble()).isEqualTo(w);
        assertThat(row.path("f0.height").asDouble()).isEqualTo(h);
        assertThat(row.path("f0.channels").asDouble()).isEqualTo(3);
        assertThat(row.path("f0.brightness").asDouble()).isCloseTo(mean, within(1e-9));
        assertThat(row.path("f0.contrast").asDouble()).isCloseTo(std, within(1e-6));
        for (int c = 0; c < 3; c++) {
            assertThat(row.path("f0.channel_" + c + "_mean").asDouble()).isCloseTo(sums[c] / (w * h), within(1e-9));
        }
    }

    /** The Parquet export read with DuckDB has the derived columns as DOUBLE, equal to the JSON export's. */
    private void assertParquet(int port, String uid, JsonNode rows) throws Exception {
        Path file = dir.resolve("export.parquet");
        Files.write(file, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/v1/projects/" + P + "/model-endpoints/" + uid + "/data?format=parquet"))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT any_value(typeof(\"f0.brightness\")), sum(\"f0.brightness\"), count(*)"
                     + " FROM read_parquet('" + file + "')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("DOUBLE");
            double sum = 0;
            for (JsonNode row : rows) {
                sum += row.path("f0.brightness").asDouble();
            }
            assertThat(rs.getDouble(2)).isCloseTo(sum, within(1e-6));
            assertThat(rs.getLong(3)).isEqualTo(rows.size());
        }
    }

    private static ArrayNode nested(int[][][] img) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (int[][] line : img) {
            ArrayNode l = out.addArray();
            for (int[] px : line) {
                l.addArray().add(px[0]).add(px[1]).add(px[2]);
            }
        }
        return out;
    }

    private static String png(int[][][] img) throws Exception {
        BufferedImage b = new BufferedImage(img[0].length, img.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.length; y++) {
            for (int x = 0; x < img[0].length; x++) {
                b.setRGB(x, y, (img[y][x][0] << 16) | (img[y][x][1] << 8) | img[y][x][2]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(b, "png", out)).isTrue();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static ObjectNode event(String id, Instant when, JsonNode image) {
        ObjectNode e = Json.object();
        e.put("model", MODEL).put("function_uri", P + "/serving").put("when", when.toString()).put("microsec", 900);
        e.putObject("request").put("id", id).putArray("inputs").add(image);
        e.putObject("resp").put("id", id).put("model_name", MODEL).putArray("outputs").add(1);
        return e;
    }

    private static String data(int port, String uid, String format) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/v1/projects/" + P + "/model-endpoints/" + uid + "/data?format="
                        + format)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static int rowCount(int port, String uid) {
        try {
            return Json.MAPPER.readTree(data(port, uid, "json")).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode status(DriftwatchClient client, String uid) {
        try {
            return client.endpoint(P, uid, false).path("status");
        } catch (RuntimeException e) { // not created yet
            return Json.object();
        }
    }

}
