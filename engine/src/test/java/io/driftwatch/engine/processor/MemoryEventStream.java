package io.driftwatch.engine.processor;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small in-memory {@link EventStream} for processor tests (no retention, no backpressure). */
final class MemoryEventStream implements EventStream {
    private final List<byte[]> records = new ArrayList<>();
    private final Map<String, Long> committed = new HashMap<>();
    private boolean closed;

    @Override
    public synchronized long append(List<byte[]> batch) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        long first = records.size();
        records.addAll(batch);
        notifyAll();
        return first;
    }

    @Override
    public synchronized List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!closed && fromOffset >= records.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        List<StreamRecord> out = new ArrayList<>();
        for (long o = fromOffset; o < records.size() && out.size() < maxRecords; o++) {
            out.add(new StreamRecord(o, 1_700_000_000_000L + o, records.get((int) o)));
        }
        return out;
    }

    @Override
    public synchronized void commit(String consumer, long nextOffset) {
        if (nextOffset < 0 || nextOffset > records.size()) {
            throw new IllegalArgumentException("offset " + nextOffset + " outside [0, " + records.size() + "]");
        }
        committed.put(consumer, nextOffset);
    }

    @Override
    public synchronized long committed(String consumer) {
        return committed.getOrDefault(consumer, 0L);
    }

    @Override
    public synchronized long endOffset() {
        return records.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }
}
