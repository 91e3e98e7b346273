package io.driftwatch.store.embedded.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.EndpointId;
import io.driftwatch.Window;
import io.driftwatch.engine.memory.InMemoryPartitionedStream;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.processor.ProcessorOptions;
import io.driftwatch.engine.processor.StreamProcessor;
import io.driftwatch.store.embedded.duckdb.EmbeddedStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partitioned stream (4 partitions, as Kafka) over the embedded DuckDB sink and Parquet sample store: each partition's
 * offset stored with its effects, so a restart and a rebalance mid-stream apply and store every event exactly once.
 */
class PartitionedEmbeddedProcessingTest {
    static final int MODELS = 8;
    static final Instant T = Instant.parse("2025-06-01T12:00:00Z");
    static final Window ALL = new Window(T.minusSeconds(60), T.plusSeconds(3600));
    static final DateTimeFormatter MLRUN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final Duration WAIT = Duration.ofSeconds(60);
    final Clock clock = Clock.fixed(T.plusSeconds(1800), ZoneOffset.UTC);
    final ProcessorOptions options = ProcessorOptions.DEFAULTS.withPollWait(Duration.ofMillis(5))
            .withBatchRecords(7).withFlush(20, Duration.ofHours(1)).withBatchLinger(Duration.ZERO);

    @TempDir
    Path dir;

    static String uid(int m) {
        return EndpointId.of("pp", "pp/serving", "m" + m, null);
    }

    static void append(InMemoryPartitionedStream stream, int from, int to) {
        for (int i = from; i < to; i++) {
            String e = """
                    {"class":"C","model":"m%d","function_uri":"pp/serving","request":{"id":"r%d","inputs":[[%d, 1]]},\
                    "op":"infer","resp":{"id":"r%d","model_name":"m%d","outputs":[1]},"when":"%s","microsec":100}"""
                    .formatted(i % MODELS, i, i, i, i % MODELS, MLRUN.format(T.plusMillis(i)));
            stream.append("pp", uid(i % MODELS), List.of(e.getBytes(StandardCharsets.UTF_8)));
        }
    }

    StreamProcessor processor(EmbeddedStores s, InMemoryPartitionedStream stream) {
        return StreamProcessor.partitioned(new StreamProcessor.Ports(stream, s.endpoints(), s.projects(),
                s.timeSeries(), s.samples(), s.processorSink()), clock, options);
    }

    @Test
    void restartAndRebalanceApplyAndStoreEveryEventOnce() throws Exception {
        InMemoryPartitionedStream stream = new InMemoryPartitionedStream(clock, 4);
        append(stream, 0, 120);
        try (EmbeddedStores s = EmbeddedStores.open(dir, clock); StreamProcessor p = processor(s, stream)) {
            p.start();
            assertThat(p.awaitDrained(WAIT)).isTrue();
            append(stream, 120, 200);
            stream.rebalance(StreamProcessor.GROUP, stream.partitions()); // every partition revoked and re-assigned
            assertThat(p.awaitDrained(WAIT)).isTrue();
        }
        append(stream, 200, 260);
        InMemoryPartitionedStream reopened = stream.reopen();
        try (EmbeddedStores s = EmbeddedStores.open(dir, clock); StreamProcessor p = processor(s, reopened)) {
            p.start();
            assertThat(p.awaitDrained(WAIT)).isTrue();
            assertThat(p.stats().events()).as("only the events after the restart").isEqualTo(60);
            long rows = 0;
            long predictions = 0;
            for (int m = 0; m < MODELS; m++) {
                rows += s.samples().read("pp", uid(m), ALL).rowCount();
                predictions += s.timeSeries().predictions("pp", uid(m), ALL.start(), ALL.end()).size();
            }
            assertThat(rows).isEqualTo(260);
            assertThat(predictions).isEqualTo(260);
            for (StreamPartition sp : reopened.partitions()) {
                long end = reopened.partition(sp).endOffset();
                assertThat(s.processorSink().forPartition(sp).appliedOffset()).isEqualTo(end);
                assertThat(s.samples().forPartition(sp).storedOffset()).isEqualTo(end);
            }
            assertThat(s.processorSink().appliedOffset()).as("the single partition's offset").isZero();
        }
    }
}
