package io.driftwatch.server;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamBackpressureException;
import io.driftwatch.engine.port.StreamRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory event stream for API tests; {@link #rejectNext} makes the next append throw backpressure. */
final class FakeStream implements EventStream {
    final List<byte[]> records = new ArrayList<>();
    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    volatile boolean rejectNext;

    @Override
    public synchronized long append(List<byte[]> batch) {
        if (rejectNext) {
            rejectNext = false;
            throw new StreamBackpressureException("lag 10 > 5 records", 10, 3);
        }
        long first = records.size();
        records.addAll(batch);
        return first;
    }

    @Override
    public synchronized List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait) {
        List<StreamRecord> out = new ArrayList<>();
        for (long i = fromOffset; i < records.size() && out.size() < maxRecords; i++) {
            out.add(new StreamRecord(i, 0, records.get((int) i)));
        }
        return out;
    }

    @Override
    public void commit(String consumer, long nextOffset) {
        committed.put(consumer, nextOffset);
    }

    @Override
    public long committed(String consumer) {
        return committed.getOrDefault(consumer, 0L);
    }

    @Override
    public synchronized long endOffset() {
        return records.size();
    }

    @Override
    public void close() {
    }
}
