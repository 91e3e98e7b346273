package io.driftwatch.stream.kafka;

import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.testkit.EventStreamContract;
import io.driftwatch.testkit.KafkaBroker;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event stream contract on a real broker (the shared {@link KafkaBroker}): the whole-log groups run on one
 * partition of a one-partition project topic of their own, the partition group on three-partition topics.
 */
class KafkaEventStreamContractTest extends EventStreamContract {
    private static final AtomicInteger PROJECTS = new AtomicInteger();

    static KafkaEventStream kafka(int partitions) {
        BackendUri uri = BackendUri.parse(KafkaBroker.shared().streamPath());
        return new KafkaEventStream(KafkaSettings.of(uri, Map.of(KafkaSettings.PARTITIONS,
                Integer.toString(partitions), KafkaSettings.TIMEOUT_MS, "5000")));
    }

    @Override
    protected EventStream open(Path dir, long maxLagRecords) {
        KafkaEventStream s = kafka(1);
        String project = "whole-" + ProcessHandle.current().pid() + "-" + PROJECTS.incrementAndGet();
        s.createProject(project);
        return KafkaPartitionView.owning(s, new StreamPartition(KafkaSettings.topic(project), 0));
    }

    @Override
    protected EventStream openPartitioned(Path dir) {
        return kafka(3);
    }

    @Override
    protected EventStream reopen(EventStream closed, Path dir) {
        KafkaEventStream s = kafka(3);
        if (closed instanceof KafkaPartitionView v) {
            return KafkaPartitionView.owning(s, v.partitions().getFirst());
        }
        return s;
    }

    @Override
    protected boolean hasRetention() {
        return true;
    }

    @Override
    protected void applyRetention(EventStream s, long before) {
        ((KafkaPartitionView) s).deleteBefore(before);
    }

    @Override
    protected boolean hasBackpressure() {
        return false;
    }
}
