package io.driftwatch.stream.kafka;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.StreamProvider;
import io.driftwatch.engine.port.EventStream;
import java.util.Map;
import java.util.Set;

/**
 * {@code --stream-path kafka://host:port[,host:port]}: the {@link EventStream} on Kafka. Options (of the
 * {@link BackendContext}): {@code kafka-partitions} (per project topic, default 8), {@code kafka-replication-factor}
 * (default min(3, brokers)), {@code kafka-timeout-ms} (how long an append waits for the acknowledgement before
 * ingest answers 503, default 5,000), {@code kafka-queue-records} (records fetched ahead per partition, default
 * 10,000) and every {@code kafka.*} key, passed to the Kafka clients without the prefix. Opening connects lazily: a
 * broker that is down at start makes appends fail with {@code StreamUnavailableException}, not the start.
 */
public final class KafkaStreamProvider implements StreamProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("kafka");
    }

    @Override
    public EventStream open(BackendUri uri, BackendContext context) {
        return context.register(open(uri, context.options()));
    }

    /** Opens a stream outside a backend context (tests, tools); the caller closes it. */
    public static EventStream open(BackendUri uri, Map<String, String> options) {
        return new KafkaEventStream(KafkaSettings.of(uri, options));
    }
}
