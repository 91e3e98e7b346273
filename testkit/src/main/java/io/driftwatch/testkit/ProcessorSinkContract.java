package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProcessorSink} must have: effects visible through the endpoint and time-series stores
 * it writes to, the applied offset recorded with them, replays ({@code nextOffset <= appliedOffset()}) ignored,
 * empty applies advancing the offset. Subclass it and implement {@link #createFixture()}.
 */
public abstract class ProcessorSinkContract {
    /** A sink and the stores where its effects become visible. */
    public record Fixture(ProcessorSink sink, EndpointStore endpoints, TimeSeriesStore timeSeries) {
    }

    protected Fixture fixture;

    /** A new sink over new, empty stores. */
    protected abstract Fixture createFixture() throws Exception;

    /** The same data opened again; in-memory fixtures return it as is. */
    protected Fixture reopen(Fixture old) throws Exception {
        return old;
    }

    @BeforeEach
    void setUpSink() throws Exception {
        fixture = createFixture();
    }

    /** The stored offset: exactly-once by offset. */
    @Nested
    class Offsets {
        @Test
        void newSinkHasAppliedNothing() {
            assertThat(fixture.sink().appliedOffset()).isZero();
        }

        @Test
        void emptyApplyAdvancesTheOffset() throws Exception {
            fixture.sink().apply(List.of(), List.of(), List.of(), 5000);
            fixture = reopen(fixture);
            assertThat(fixture.sink().appliedOffset()).isEqualTo(5000);
        }

        @Test
        void replayedApplyChangesNothing() throws Exception {
            ModelEndpoint e = TestData.bareEndpoint("p", "serving", "m");
            Prediction p = new Prediction("p", e.uid(), T0, 1, 1, null);
            fixture.sink().apply(List.of(e), List.of(p), List.of(), 10);
            ModelEndpoint stale = TestData.withRequests(e, T0.minusSeconds(100), T0.minusSeconds(50));
            fixture.sink().apply(List.of(stale), List.of(p), List.of(new ErrorEvent("p", e.uid(), T0, "x", "y")), 10);
            fixture.sink().apply(List.of(stale), List.of(p), List.of(), 4);
            fixture = reopen(fixture);
            assertThat(fixture.sink().appliedOffset()).isEqualTo(10);
            assertThat(fixture.endpoints().get("p", e.uid())).contains(e);
            assertThat(fixture.timeSeries().predictions("p", e.uid(), T0, T0.plusSeconds(1))).containsExactly(p);
            assertThat(fixture.timeSeries().errors("p", e.uid(), T0, T0.plusSeconds(1))).isEmpty();
        }
    }

    /** Per-partition views ({@link ProcessorSink#forPartition}): one applied offset per (stream, partition). */
    @Nested
    class Partitions {
        final StreamPartition p0 = new StreamPartition("monitoring_stream_p", 0);
        final StreamPartition p1 = new StreamPartition("monitoring_stream_p", 1);

        @Test
        void theSinglePartitionIsTheSinkItself() {
            fixture.sink().forPartition(StreamPartition.SINGLE).apply(List.of(), List.of(), List.of(), 7);
            assertThat(fixture.sink().appliedOffset()).isEqualTo(7);
        }

        @Test
        void offsetsOfDifferentPartitionsAreIndependentAndDurable() throws Exception {
            ModelEndpoint e = TestData.bareEndpoint("p", "serving", "m");
            ModelEndpoint f = TestData.bareEndpoint("p", "serving", "n");
            fixture.sink().forPartition(p0).apply(List.of(e), List.of(new Prediction("p", e.uid(), T0, 1, 1, null)),
                    List.of(), 10);
            fixture.sink().forPartition(p1).apply(List.of(f), List.of(new Prediction("p", f.uid(), T0, 2, 1, null)),
                    List.of(), 3);
            fixture = reopen(fixture);
            assertThat(fixture.sink().forPartition(p0).appliedOffset()).isEqualTo(10);
            assertThat(fixture.sink().forPartition(p1).appliedOffset()).isEqualTo(3);
            assertThat(fixture.sink().appliedOffset()).as("the single partition's offset").isZero();
            assertThat(fixture.endpoints().list("p", EndpointFilter.ALL)).containsExactlyInAnyOrder(e, f);
        }

        @Test
        void aReplayInOnePartitionIsANoOpAndTheSameOffsetInAnotherIsNot() throws Exception {
            ModelEndpoint e = TestData.bareEndpoint("p", "serving", "m");
            Prediction p = new Prediction("p", e.uid(), T0, 1, 1, null);
            fixture.sink().forPartition(p0).apply(List.of(e), List.of(p), List.of(), 10);
            fixture = reopen(fixture);
            fixture.sink().forPartition(p0).apply(List.of(e), List.of(p), List.of(), 10);
            fixture.sink().forPartition(p0).apply(List.of(e), List.of(p), List.of(), 4);
            Prediction q = new Prediction("p", e.uid(), T0.plusMillis(1), 2, 1, null);
            fixture.sink().forPartition(p1).apply(List.of(), List.of(q), List.of(), 10);
            assertThat(fixture.timeSeries().predictions("p", e.uid(), T0, T0.plusSeconds(1))).containsExactly(p, q);
            assertThat(fixture.sink().forPartition(p0).appliedOffset()).isEqualTo(10);
            assertThat(fixture.sink().forPartition(p1).appliedOffset()).isEqualTo(10);
        }
    }

    /** The effects of a batch. */
    @Nested
    class Effects {
        @Test
        void applyTakesTheLateRowCountAndAddsTheBatchsLateTimesToTheStoredOnes() {
            ModelEndpoint read = TestData.bareEndpoint("p", "serving", "m");
            fixture.sink().apply(List.of(read.withStatus(read.status().withLate(2, List.of(T0)))), List.of(), List.of(), 1);
            // the controller clears a handled time, another batch adds one
            fixture.endpoints().update("p", read.uid(), ep -> ep.withStatus(ep.status().withLate(2, List.of())));
            ModelEndpoint processed = read.withStatus(read.status().withLate(5, List.of(T0.plusSeconds(7))));
            fixture.sink().apply(List.of(processed), List.of(), List.of(), 2);
            ModelEndpoint stored = fixture.endpoints().get("p", read.uid()).orElseThrow();
            assertThat(stored.status().lateRows()).isEqualTo(5);
            assertThat(stored.status().pendingLate()).containsExactly(T0.plusSeconds(7));
        }

        @Test
        void applyMakesEffectsVisibleWithTheOffset() throws Exception {
            ModelEndpoint e = TestData.endpoint("p", "serving", "m");
            Prediction p = new Prediction("p", e.uid(), T0, 1500, 3, Map.of("acc", 0.5));
            ErrorEvent err = new ErrorEvent("p", e.uid(), T0.plusSeconds(1), "model_error", "boom");
            fixture.sink().apply(List.of(e), List.of(p), List.of(err), 42);
            fixture = reopen(fixture);
            assertThat(fixture.sink().appliedOffset()).isEqualTo(42);
            assertThat(fixture.endpoints().get("p", e.uid())).contains(e);
            assertThat(fixture.timeSeries().predictions("p", e.uid(), T0, T0.plusSeconds(2))).containsExactly(p);
            assertThat(fixture.timeSeries().errors("p", e.uid(), T0, T0.plusSeconds(2))).containsExactly(err);
        }

        @Test
        void applyUpsertsEndpointsAndAppendsRows() {
            ModelEndpoint e = TestData.bareEndpoint("p", "serving", "m");
            ModelEndpoint e2 = TestData.withRequests(e, T0, T0.plusSeconds(5));
            ModelEndpoint other = TestData.bareEndpoint("p", "serving", "n");
            fixture.sink().apply(List.of(e, other), List.of(new Prediction("p", e.uid(), T0, 1, 1, null)), List.of(), 10);
            fixture.sink().apply(List.of(e2), List.of(new Prediction("p", e.uid(), T0.plusSeconds(5), 2, 1, null)),
                    List.of(), 20);
            assertThat(fixture.endpoints().list("p", EndpointFilter.ALL)).containsExactlyInAnyOrder(e2, other);
            assertThat(fixture.timeSeries().predictions("p", e.uid(), T0, T0.plusSeconds(6))).hasSize(2);
            assertThat(fixture.sink().appliedOffset()).isEqualTo(20);
        }

        @Test
        void applyKeepsFieldsWrittenByOthersSinceTheProcessorReadTheRecord() {
            ModelEndpoint read = TestData.bareEndpoint("p", "serving", "m");
            fixture.sink().apply(List.of(read), List.of(), List.of(), 1);
            // the writer records drift after the processor read the record ...
            fixture.endpoints().update("p", read.uid(), ep -> ep.withStatus(ep.status().toBuilder()
                    .currentStats(TestData.featureStats()).driftStatus(ResultStatus.DETECTED)
                    .driftMeasures(Map.of("tvd_mean", 0.9)).build()));
            // ... and the processor then applies what it derived from its older copy
            ModelEndpoint processed = TestData.withRequests(read, T0, T0.plusSeconds(9));
            fixture.sink().apply(List.of(processed), List.of(), List.of(), 2);
            ModelEndpoint stored = fixture.endpoints().get("p", read.uid()).orElseThrow();
            assertThat(stored.status().driftStatus()).isEqualTo(io.driftwatch.ResultStatus.DETECTED);
            assertThat(stored.status().driftMeasures()).containsEntry("tvd_mean", 0.9);
            assertThat(stored.status().currentStats()).isEqualTo(TestData.featureStats());
            assertThat(stored.status().firstRequest()).isEqualTo(T0);
            assertThat(stored.status().lastRequest()).isEqualTo(T0.plusSeconds(9));
        }
    }
}
