package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.EndpointId;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.memory.InMemoryPartitionedStream;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.StreamPartition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch serve} over a partitioned stream (4 partitions per project, as a Kafka stream) with the embedded
 * DuckDB and Parquet stores: every partition processed, exactly once across a restart, per-partition metrics, and a
 * project deletion that drains the project's partitions and deletes its stream.
 */
class PartitionedServerTest {
    static final int MODELS = 8;
    static final DateTimeFormatter MLRUN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final Instant T = Instant.now().minusSeconds(600);

    @TempDir
    Path dir;

    static String uid(int m) {
        return EndpointId.of("pp", "pp/serving", "m" + m, null);
    }

    static byte[] event(int i) {
        return ("""
                {"class":"C","model":"m%d","function_uri":"pp/serving","request":{"id":"r%d","inputs":[[%d, 1]]},\
                "op":"infer","resp":{"id":"r%d","model_name":"m%d","outputs":[1]},"when":"%s","microsec":100}"""
                .formatted(i % MODELS, i, i, i, i % MODELS, MLRUN.format(T.plusMillis(i))))
                .getBytes(StandardCharsets.UTF_8);
    }

    static void append(InMemoryPartitionedStream stream, int from, int to) {
        for (int i = from; i < to; i++) {
            stream.append("pp", uid(i % MODELS), List.of(event(i)));
        }
    }

    long predictions(Server server) {
        long n = 0;
        for (int m = 0; m < MODELS; m++) {
            n += server.backend().timeSeries().predictions("pp", uid(m), T.minusSeconds(1), T.plusSeconds(60)).size();
        }
        return n;
    }

    void awaitPredictions(Server server, long n) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (predictions(server) < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void everyPartitionIsProcessedOnceAcrossARestartAndTheDeletionDrainsTheProjectsPartitions() throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withDataDir(dir)
                .withBackend(BackendKind.STREAM, "mempart://srv");
        try (Server server = Server.start(config)) {
            server.backend().projects().createProject("pp");
            InMemoryPartitionedStream stream = (InMemoryPartitionedStream) server.stream();
            append(stream, 0, 100);
            awaitPredictions(server, 100);
            assertThat(predictions(server)).isEqualTo(100);
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("driftwatch_stream_partition_lag_records{partition=\"0\","
                    + "stream=\"monitoring_stream_pp\"}");
        }
        try (Server server = Server.start(config)) {
            InMemoryPartitionedStream stream = (InMemoryPartitionedStream) server.stream();
            append(stream, 100, 160);
            awaitPredictions(server, 160);
            assertThat(predictions(server)).as("nothing applied twice after the restart").isEqualTo(160);
            assertThat(server.backend().endpoints().list("pp", EndpointFilter.ALL)).hasSize(MODELS);
            Http.Response deleted = new Http(server.port()).delete("/projects/pp?deletion_strategy=cascading");
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
            assertThat(deleted.json().path("drained").asBoolean()).isTrue();
            assertThat(stream.partitions()).noneMatch(p -> p.stream().equals("monitoring_stream_pp"));
            assertThat(stream.partitions()).doesNotContain(StreamPartition.SINGLE);
        }
    }
}
