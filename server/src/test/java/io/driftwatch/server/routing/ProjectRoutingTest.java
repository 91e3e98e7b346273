package io.driftwatch.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendUris;
import io.driftwatch.engine.backend.Backends;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.TimeSeriesStores;
import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.TimeSeriesRecords;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.engine.processor.ProcessorOptions;
import io.driftwatch.engine.processor.StreamProcessor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The router over in-memory backends: which store each call reaches, how often a set opens, what survives. */
class ProjectRoutingTest {
    private static final String PG = "postgresql://u:pw@db:5432/two";
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir
    Path dir;
    private final List<BackendUris> opened = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();
    private final Backends defaults = memory();
    private Backends set;
    private ProjectRouting routing;

    @AfterEach
    void close() {
        if (routing != null) {
            routing.close();
        }
    }

    private static Backends memory() {
        EndpointStore eps = MemoryStores.endpointStore();
        TimeSeriesStore ts = MemoryStores.timeSeriesStore();
        return new Backends(new InMemoryEventStream(), new EndpointStores(MemoryStores.projectStore(), eps,
                MemoryStores.alertStore()), new TimeSeriesStores(ts, MemoryStores.processorSink(eps, ts)),
                MemoryStores.sampleStore(), MemoryStores.artifactStore(), () -> { });
    }

    private Backends routed() {
        routing = ProjectRouting.over(defaults, BackendUris.defaults(), dir, (uris, d) -> {
            opened.add(uris);
            dirs.add(d);
            set = memory();
            return set;
        }, b -> {
            StreamProcessor p = StreamProcessor.partitioned(new StreamProcessor.Ports(b.stream(), b.endpoints(),
                    defaults.projects(), b.timeSeries(), b.samples(), b.sink()), Clock.systemUTC(),
                    ProcessorOptions.DEFAULTS);
            p.start();
            return p;
        });
        return routing.routed();
    }

    private static void credentials(Backends routed, String project, Map<String, String> creds) {
        routed.projects().createProject(project);
        routed.projects().putMonitoringSettings(new ProjectRecords.MonitoringSettings(project, false,
                Duration.ofMinutes(10), creds));
    }

    private static TimeSeriesRecords.Prediction row(String project) {
        return new TimeSeriesRecords.Prediction(project, "u", T, 1, 1, null);
    }

    @Test
    void aProjectWithoutCredentialsIsServedByTheServerAndPlainAppendsStayPlain() {
        Backends routed = routed();
        credentials(routed, "a", Map.of());
        routed.timeSeries().writePredictions(List.of(row("a")));
        assertThat(defaults.timeSeries().predictions("a", "u", T, T.plusSeconds(1))).hasSize(1);
        assertThat(opened).isEmpty();
        assertThat(routed.stream().partition(StreamPartition.SINGLE)).as("keeps the ingest offset answer")
                .isSameAs(routed.stream());
    }

    @Test
    void aProjectWithCredentialsIsServedByItsSetOpenedOnceAndSharedByEqualCredentials() {
        Backends routed = routed();
        credentials(routed, "a", Map.of());
        credentials(routed, "b", Map.of("tsdb_connection", PG, "endpoint_store_connection", PG));
        assertThat(opened).as("opened when the credentials were set").hasSize(1);
        assertThat(opened.getFirst().raw(BackendKind.TSDB)).isEqualTo(PG);
        assertThat(dirs.getFirst()).isEqualTo(dir.resolve("credential-sets").resolve(CredentialUris.id(
                opened.getFirst()))).asString().doesNotContain("pw");
        credentials(routed, "c", Map.of("tsdb_connection", PG, "endpoint_store_connection", PG));
        assertThat(opened).as("the same credentials share the set").hasSize(1);

        routed.timeSeries().writePredictions(List.of(row("a"), row("b"), row("c"), row("a")));
        assertThat(defaults.timeSeries().predictions("a", "u", T, T.plusSeconds(1))).hasSize(2);
        assertThat(defaults.timeSeries().predictions("b", "u", T, T.plusSeconds(1))).isEmpty();
        assertThat(set.timeSeries().predictions("b", "u", T, T.plusSeconds(1))).hasSize(1);
        assertThat(routed.timeSeries().predictions("c", "u", T, T.plusSeconds(1))).hasSize(1);
        assertThat(routed.timeSeries().deleteOlderThan(T.plusSeconds(60))).as("retention on every set").isEqualTo(4);
        EventStream stream = routed.stream();
        assertThat(stream.partition(StreamPartition.SINGLE)).as("appends keyed by project now")
                .isNotSameAs(stream);
        stream.append("b", "u", List.of(new byte[] {'{', '}'}));
        assertThat(set.stream().endOffset()).isEqualTo(1);
        assertThat(defaults.stream().endOffset()).isZero();
    }

    @Test
    void aDeletedProjectsDataIsDeletedFromItsSet() {
        Backends routed = routed();
        credentials(routed, "b", Map.of("tsdb_connection", PG, "endpoint_store_connection", PG));
        routed.timeSeries().writePredictions(List.of(row("b")));
        routed.projects().deleteProject("b");
        routed.timeSeries().deleteProject("b");
        assertThat(set.timeSeries().predictions("b", "u", T, T.plusSeconds(1))).isEmpty();
    }

    @Test
    void replacedCredentialsRouteAgain() {
        Backends routed = routed();
        credentials(routed, "b", Map.of("tsdb_connection", PG, "endpoint_store_connection", PG));
        Backends first = set;
        credentials(routed, "b", Map.of());
        routed.timeSeries().writePredictions(List.of(row("b")));
        assertThat(defaults.timeSeries().predictions("b", "u", T, T.plusSeconds(1))).hasSize(1);
        assertThat(first.timeSeries().predictions("b", "u", T, T.plusSeconds(1))).isEmpty();
    }
}
