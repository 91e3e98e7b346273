package io.driftwatch.engine.memory;

import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamBackpressureException;
import io.driftwatch.engine.port.StreamRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory {@link EventStream}: the stream between ingest and the stream processor for tests and
 * single-process experiments. Durable only as long as the process (an append is "on stable storage" once it is in
 * the list); {@link #reopen()} gives a new handle over the same records, as reopening a directory would.
 *
 * <p>It keeps the port's promises: dense offsets from 0, atomic batches, readers woken by appends and by close,
 * committed positions per consumer, backpressure when the slowest committed consumer would lag more than
 * {@code maxLagRecords}, and (when asked for) retention of only the records some consumer still needs.
 * {@link #rejectNextAppend()} makes the next append fail with backpressure whatever the lag (for ingest tests).
 * Thread-safe (one monitor).
 */
public final class InMemoryEventStream implements EventStream {
    private final Log log;
    private boolean closed;

    /** Unbounded, keeps every record, stamps records with the system clock. */
    public InMemoryEventStream() {
        this(Clock.systemUTC(), Long.MAX_VALUE, false);
    }

    /**
     * @param clock         stamps the records' append time
     * @param maxLagRecords backpressure bound on the slowest consumer's lag (consumers count from their first commit)
     * @param retention     true: records below every consumer's committed offset are dropped on commit
     */
    public InMemoryEventStream(Clock clock, long maxLagRecords, boolean retention) {
        if (maxLagRecords < 1) {
            throw new IllegalArgumentException("maxLagRecords must be >= 1: " + maxLagRecords);
        }
        this.log = new Log(clock, maxLagRecords, retention);
    }

    private InMemoryEventStream(Log log) {
        this.log = log;
    }

    /** A new open handle over the same records and committed positions (this one may be closed). */
    public InMemoryEventStream reopen() {
        return new InMemoryEventStream(log);
    }

    /** The next append throws {@link StreamBackpressureException} (lag as now, retry after 3 s), once. */
    public void rejectNextAppend() {
        synchronized (log) {
            log.rejectNext = true;
        }
    }

    /** The payloads of the retained records, in offset order (a copy). */
    public List<byte[]> records() {
        synchronized (log) {
            return List.copyOf(log.records);
        }
    }

    @Override
    public long append(List<byte[]> batch) {
        synchronized (log) {
            if (closed) {
                throw new IllegalStateException("event stream is closed");
            }
            log.checkBounds(batch.size());
            long first = log.end();
            long now = log.clock.millis();
            for (byte[] r : batch) {
                log.records.add(r);
                log.times.add(now);
            }
            log.notifyAll();
            return first;
        }
    }

    @Override
    public List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait) throws InterruptedException {
        synchronized (log) {
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (!closed && Math.max(fromOffset, log.base) >= log.end()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return List.of();
                }
                log.wait(Math.max(1, left / 1_000_000));
            }
            if (closed) {
                return List.of();
            }
            List<StreamRecord> out = new ArrayList<>();
            for (long o = Math.max(fromOffset, log.base); o < log.end() && out.size() < maxRecords; o++) {
                out.add(new StreamRecord(o, log.appendTime(o), log.records.get((int) (o - log.base))));
            }
            return out;
        }
    }

    @Override
    public void commit(String consumer, long nextOffset) {
        if (consumer == null || !consumer.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new IllegalArgumentException("consumer name must match [A-Za-z0-9._-]{1,128}: " + consumer);
        }
        synchronized (log) {
            if (nextOffset < 0 || nextOffset > log.end()) {
                throw new IllegalArgumentException("offset " + nextOffset + " outside [0, " + log.end() + "]");
            }
            log.committed.put(consumer, nextOffset);
            log.applyRetention();
        }
    }

    @Override
    public long committed(String consumer) {
        synchronized (log) {
            return log.committed.getOrDefault(consumer, 0L);
        }
    }

    @Override
    public long endOffset() {
        synchronized (log) {
            return log.end();
        }
    }

    @Override
    public void close() {
        synchronized (log) {
            closed = true;
            log.notifyAll();
        }
    }

    /** The records and positions, shared by the handles of {@link #reopen()}; guarded by its own monitor. */
    private static final class Log {
        final Clock clock;
        final long maxLag;
        final boolean retention;
        final List<byte[]> records = new ArrayList<>();
        final List<Long> times = new ArrayList<>();
        final Map<String, Long> committed = new HashMap<>();
        long base;
        boolean rejectNext;

        Log(Clock clock, long maxLag, boolean retention) {
            this.clock = clock;
            this.maxLag = maxLag;
            this.retention = retention;
        }

        long end() {
            return base + records.size();
        }

        long appendTime(long offset) {
            return times.get((int) (offset - base));
        }

        /** Throws when a batch of {@code size} records can never fit or must wait for the slowest consumer. */
        void checkBounds(int size) {
            if (size > maxLag) {
                throw new IllegalArgumentException("batch of " + size + " records exceeds the lag bound of "
                        + maxLag + " records");
            }
            long lag = slowestLag();
            if (rejectNext) {
                rejectNext = false;
                throw new StreamBackpressureException("rejected once on request (lag " + lag + " records)", lag, 3);
            }
            if (size > 0 && !committed.isEmpty() && lag + size > maxLag) {
                throw new StreamBackpressureException("consumer lag " + (lag + size) + " would exceed "
                        + maxLag + " records", lag, 1);
            }
        }

        long slowestLag() {
            return committed.values().stream().mapToLong(c -> end() - c).max().orElse(0);
        }

        void applyRetention() {
            long min = committed.values().stream().mapToLong(Long::longValue).min().orElse(base);
            if (!retention || min <= base) {
                return;
            }
            int drop = (int) (min - base);
            records.subList(0, drop).clear();
            times.subList(0, drop).clear();
            base = min;
        }
    }
}
