package io.driftwatch.engine.processor;

import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** In-memory ports, a settable clock and processors over them (that can be discarded to simulate a crash). */
final class Harness {
    final InMemoryEventStream stream;
    final EndpointStore endpoints = MemoryStores.endpointStore();
    final ProjectStore projects = MemoryStores.projectStore();
    final TimeSeriesStore timeSeries = MemoryStores.timeSeriesStore();
    final SampleStore samples;
    final ProcessorSink sink;
    final MutableClock clock;
    ProcessorOptions options = ProcessorOptions.DEFAULTS.withPollWait(Duration.ofMillis(1))
            .withRetry(Duration.ofMillis(1), Duration.ofMillis(5));

    Harness(Instant now) {
        this(now, null, null);
    }

    Harness(Instant now, SampleStore samples, ProcessorSink sink) {
        this.clock = new MutableClock(now);
        this.stream = new InMemoryEventStream(clock, Long.MAX_VALUE, false);
        this.samples = samples != null ? samples : MemoryStores.sampleStore();
        this.sink = sink != null ? sink : MemoryStores.processorSink(endpoints, timeSeries);
    }

    StreamProcessor.Ports ports() {
        return new StreamProcessor.Ports(stream, endpoints, projects, timeSeries, samples, sink);
    }

    DefaultStreamProcessor processor() {
        return (DefaultStreamProcessor) StreamProcessor.create(ports(), clock, options);
    }

    void append(String... events) {
        stream.append(Arrays.stream(events).map(Events::bytes).toList());
    }

    void append(List<String> events) {
        stream.append(events.stream().map(Events::bytes).toList());
    }
}
