package io.driftwatch.server.metrics;

import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.processor.ProcessorStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-partition gauges of the stream processor ({@link ServerMetrics#bindPartitions}): lag and applied offset of each
 * partition it owns, labels {@code stream} and {@code partition}; a partition no longer owned loses its gauges. The
 * single partition of the embedded log gets none (the totals are its values).
 */
final class PartitionGauges {
    private final MeterRegistry registry;
    private final Map<StreamPartition, Holder> holders = new HashMap<>();

    PartitionGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Called under the scrape lock. */
    void refresh(Map<StreamPartition, ProcessorStats> stats) {
        Map<StreamPartition, ProcessorStats> shown = stats.keySet().stream().allMatch(StreamPartition::single)
                ? Map.of() : stats;
        shown.forEach((p, s) -> {
            Holder h = holders.computeIfAbsent(p, this::register);
            h.lag.set(s.lag());
            h.applied.set(s.appliedOffset());
        });
        holders.entrySet().removeIf(e -> {
            if (shown.containsKey(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue().lagGauge);
            registry.remove(e.getValue().appliedGauge);
            return true;
        });
    }

    private Holder register(StreamPartition p) {
        Tags tags = Tags.of("stream", p.stream(), "partition", Integer.toString(p.partition()));
        AtomicLong lag = new AtomicLong();
        AtomicLong applied = new AtomicLong();
        Gauge lagGauge = Gauge.builder("driftwatch.stream.partition.lag", lag, AtomicLong::get).baseUnit("records")
                .description("Records of the partition not yet applied by the stream processor").tags(tags)
                .register(registry);
        Gauge appliedGauge = Gauge.builder("driftwatch.processor.partition.applied.offset", applied, AtomicLong::get)
                .description("Next offset of the partition whose effects are not applied yet").tags(tags)
                .register(registry);
        return new Holder(lag, applied, lagGauge, appliedGauge);
    }

    private record Holder(AtomicLong lag, AtomicLong applied, Gauge lagGauge, Gauge appliedGauge) {
    }
}
