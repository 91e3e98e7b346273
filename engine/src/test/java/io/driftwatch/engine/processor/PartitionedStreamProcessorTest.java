package io.driftwatch.engine.processor;

import static io.driftwatch.engine.processor.PartitionedHarness.EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.port.StreamPartition;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The partitioned processor over a 4-partition stream: each (stream, partition) exactly once across crashes between
 * effects and commit, rebalances and restarts; the result equals one single-partition run over the same events.
 */
class PartitionedStreamProcessorTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static Map<String, List<Long>> expected;

    @BeforeAll
    static void reference() throws InterruptedException {
        expected = PartitionedHarness.reference();
    }

    @Test
    void eachPartitionIsProcessedByItsOwnWorkerAndTheResultEqualsASinglePartitionRun() throws Exception {
        PartitionedHarness h = new PartitionedHarness(4);
        h.append(0, EVENTS);
        assertThat(h.stream.partitions()).hasSize(4);
        assertThat(h.stream.partitions().stream().filter(p -> h.stream.partition(p).endOffset() > 0).count()).isGreaterThanOrEqualTo(3);
        try (PartitionedStreamProcessor p = h.processor()) {
            p.start();
            assertThat(p.owned()).containsExactlyElementsOf(h.stream.partitions());
            assertThat(p.awaitDrained(WAIT)).isTrue();
            assertThat(h.outcome()).isEqualTo(expected);
            ProcessorStats s = p.stats();
            assertThat(s.events()).isEqualTo(EVENTS);
            assertThat(s.appliedOffset()).isEqualTo(EVENTS);
            assertThat(s.storedOffset()).isEqualTo(EVENTS);
            assertThat(s.lag()).isZero();
            assertThat(p.partitionStats()).hasSize(4);
            assertThat(p.partitionStats().values().stream().mapToLong(ProcessorStats::appliedOffset).sum())
                    .isEqualTo(EVENTS);
        }
        for (StreamPartition sp : h.stream.partitions()) {
            long end = h.stream.partition(sp).endOffset();
            assertThat(h.sink.forPartition(sp).appliedOffset()).as("sink %s", sp).isEqualTo(end);
            assertThat(h.samples.forPartition(sp).storedOffset()).as("samples %s", sp).isEqualTo(end);
            assertThat(h.stream.partition(sp).committed(StreamProcessor.GROUP)).isEqualTo(end);
        }
        assertThat(h.sink.appliedOffset()).as("the SINGLE offset is untouched").isZero();
    }

    @Test
    void crashBetweenEffectsAndCommitInAnyPartitionLosesAndDoublesNothing() throws Exception {
        for (int crashAfter = 1; crashAfter <= 6; crashAfter++) {
            PartitionedHarness h = new PartitionedHarness(4);
            h.append(0, EVENTS);
            PartitionedStreamProcessor crashed = h.processor();
            int k = 0;
            for (StreamPartition sp : h.stream.partitions()) {
                DefaultStreamProcessor w = crashed.worker(sp);
                for (int i = 0; i < crashAfter + k; i++) {
                    w.pollOnce(); // applies batches of 7, flushes every 25 rows: most stop between the two
                }
                k++;
            } // the workers are discarded without close: a crash of the instance
            try (PartitionedStreamProcessor p = h.processor()) {
                p.start();
                assertThat(p.awaitDrained(WAIT)).isTrue();
            }
            assertThat(h.outcome()).as("crash after %d iterations", crashAfter).isEqualTo(expected);
        }
    }

    @Test
    void revokedPartitionsAreFlushedAndTheirNewOwnerResumesWithoutDoubleCounting() throws Exception {
        PartitionedHarness h = new PartitionedHarness(4);
        h.append(0, EVENTS / 2);
        try (PartitionedStreamProcessor a = h.processor(); PartitionedStreamProcessor b = h.processor()) {
            a.start(); // a owns every partition; b is a second instance of the group
            List<StreamPartition> moved = h.stream.partitions().subList(0, 2);
            h.stream.revoke(StreamProcessor.GROUP, moved);
            assertThat(a.owned()).doesNotContainAnyElementsOf(moved);
            b.assigned(moved);
            h.append(EVENTS / 2, 3 * EVENTS / 4);
            h.stream.rebalance(StreamProcessor.GROUP, h.stream.partitions().subList(2, 4)); // mid-stream, a again
            b.revoked(moved);
            a.assigned(moved); // moved back
            h.append(3 * EVENTS / 4, EVENTS);
            assertThat(a.awaitDrained(WAIT)).isTrue();
            assertThat(h.outcome()).isEqualTo(expected);
            assertThat(a.stats().events() + b.stats().events()).as("counted once").isEqualTo(EVENTS);
        }
    }

    @Test
    void restartResumesFromTheStoredOffsetsNotFromTheGroupsCommittedOffset() throws Exception {
        PartitionedHarness h = new PartitionedHarness(4);
        h.append(0, EVENTS / 2);
        try (PartitionedStreamProcessor p = h.processor()) {
            p.start();
            assertThat(p.awaitDrained(WAIT)).isTrue();
        }
        h.append(EVENTS / 2, EVENTS);
        h.stream = h.stream.reopen();
        for (StreamPartition sp : h.stream.partitions()) {
            h.stream.partition(sp).commit(StreamProcessor.GROUP, 0); // a committed offset that lies
        }
        try (PartitionedStreamProcessor p = h.processor()) {
            p.start();
            assertThat(p.awaitDrained(WAIT)).isTrue();
            assertThat(p.stats().events()).isEqualTo(EVENTS - EVENTS / 2);
        }
        assertThat(h.outcome()).isEqualTo(expected);
    }

    @Test
    void aNewProjectsStreamIsAssignedAndItsDeletionRevokesIt() throws Exception {
        PartitionedHarness h = new PartitionedHarness(4);
        try (PartitionedStreamProcessor p = h.processor()) {
            p.start();
            assertThat(p.owned()).isEmpty();
            h.append(0, EVENTS);
            assertThat(p.owned()).hasSize(4);
            h.stream.createProject("other");
            assertThat(p.owned()).hasSize(8);
            assertThat(p.awaitDrained(ProjectStreams.of("proj"), WAIT)).isTrue();
            assertThat(h.outcome()).isEqualTo(expected);
            h.stream.deleteProject("other");
            assertThat(p.owned()).hasSize(4).allMatch(sp -> sp.stream().equals("monitoring_stream_proj"));
        }
    }

    @Test
    void theBarrierWaitsForTheRowsOfEveryPartitionsAppliedEffects() throws Exception {
        PartitionedHarness h = new PartitionedHarness(4);
        h.options = h.options.withFlush(1_000_000, Duration.ofHours(1)); // rows stay buffered until asked
        h.append(0, EVENTS);
        try (PartitionedStreamProcessor p = h.processor()) {
            p.start();
            while (p.stats().appliedOffset() < EVENTS) {
                Thread.sleep(5);
            }
            assertThat(p.stats().storedOffset()).isZero();
            assertThat(p.awaitCaughtUp(WAIT)).isTrue();
            assertThat(p.stats().storedOffset()).isEqualTo(EVENTS);
            assertThat(h.outcome()).isEqualTo(expected);
            assertThatThrownBy(() -> p.awaitStored(1, WAIT)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    /**
     * Eight idle partitions: their workers park in {@code read} on virtual threads, so the platform threads grow by
     * the carrier pool (at most one per core) at most, not by two per partition.
     */
    @Test
    void idlePartitionsHoldNoPlatformThreads() throws Exception {
        PartitionedHarness h = new PartitionedHarness(8);
        h.options = h.options.withPollWait(Duration.ofMillis(200));
        h.stream.createProject("proj");
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int before = threads.getThreadCount();
        try (PartitionedStreamProcessor p = h.processor()) {
            p.start();
            assertThat(p.owned()).hasSize(8);
            long cpu0 = os.getProcessCpuTime();
            Thread.sleep(2_000);
            long cpuMillis = (os.getProcessCpuTime() - cpu0) / 1_000_000;
            int during = threads.getThreadCount();
            System.out.printf("8 idle partitions: platform threads %d -> %d, process CPU %d ms in 2 s%n",
                    before, during, cpuMillis);
            assertThat(during - before).isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() + 2);
        }
    }

    @Test
    void aSinglePartitionStreamRunsOneWorkerOnTheSinglePartitionThreads() throws Exception {
        Harness h = new Harness(PartitionedHarness.NOW);
        h.append(new ArrayList<>(List.of(PartitionedHarness.eventOf(0), PartitionedHarness.eventOf(1))));
        try (StreamProcessor p = StreamProcessor.partitioned(h.ports(), h.clock, h.options)) {
            p.start();
            assertThat(((PartitionedStreamProcessor) p).owned()).containsExactly(StreamPartition.SINGLE);
            assertThat(p.awaitDrained(WAIT)).isTrue();
            assertThat(h.sink.appliedOffset()).isEqualTo(2);
            assertThat(h.samples.storedOffset()).isEqualTo(2);
            assertThat(p.awaitStored(2, WAIT)).isTrue();
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("stream-processor"));
        }
    }
}
