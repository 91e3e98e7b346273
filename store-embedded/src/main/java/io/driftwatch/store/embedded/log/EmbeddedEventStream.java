package io.driftwatch.store.embedded.log;

import io.driftwatch.engine.port.EventStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The embedded, durable {@link EventStream}: a segmented append-only log in one directory
 * (e.g. {@code {data}/stream/}), for {@code driftwatch serve} on one machine.
 *
 * <h2>Files</h2>
 * {@code {base offset, 20 digits}.log} segments (format in {@link RecordFormat}: 8-byte header,
 * then records of a 24-byte header with CRC32C + payload), rolled at {@link Options#segmentBytes()};
 * {@code consumers.offsets} (committed positions, replaced atomically); {@code stream.lock}
 * (an OS file lock: one process per directory).
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>{@code append} returns after {@code fsync} ({@code FileChannel.force}) of the records; one
 *       writer thread batches all concurrent appends into one write + one fsync (group commit).
 *       After a crash or {@code kill -9} every acknowledged record is present, once, intact.</li>
 *   <li>Open recovers the last segment: it validates every record (length, CRC32C, offset) and
 *       truncates at the first torn or corrupt one. Reads verify CRC32C too and never return a
 *       corrupt record; only fsync'd records are readable.</li>
 *   <li>Commits are durable on return (temp file + fsync + atomic rename + directory fsync).</li>
 *   <li>Retention deletes a segment once every registered consumer has committed past its last
 *       record; the active segment is always kept. With no registered consumer nothing is deleted.</li>
 *   <li>Backpressure: {@code append} throws {@link io.driftwatch.engine.port.StreamBackpressureException}
 *       when the slowest registered consumer would lag more than {@link Options#maxLagRecords()} records
 *       or {@link Options#maxLagBytes()} bytes, so disk use is bounded and ingest answers 429.</li>
 * </ul>
 *
 * <h2>Cost</h2>
 * Memory: a 1 MiB write buffer, 64 KiB per concurrent read, and a sparse index of 16 bytes per
 * {@link Options#indexIntervalBytes()} of log (256 KiB per 64 MiB segment at 4 KiB). Reads from an
 * offset cost a map lookup (O(log segments)) plus a scan of at most one index interval; a sealed
 * segment found at open is scanned once (CRC-checked) on its first read. Speed: one fsync per group
 * commit, so throughput ≈ records per batch / fsync latency. Measured on the 2-core dev VM (fsync
 * ≈ 2 ms), 1,000-byte records: 1 appender of single records ≈ 470 records/s; 8 concurrent appenders
 * ≈ 3,300-5,400 records/s (5.5 records per fsync); 32 appenders ≈ 10,600 records/s; 8 appenders of
 * 100-record batches ≈ 174,000 records/s (178 MB/s). Ingest should append a request's events in one
 * call. Probe: {@code AppendThroughput} in the test sources.
 */
public final class EmbeddedEventStream {

    private EmbeddedEventStream() {
    }

    /**
     * Opens (creating if needed) the log in {@code dir}, recovering it after a crash.
     *
     * @throws IOException when the directory cannot be used, is locked by another process, or a
     *                     file is not a Driftwatch stream file
     */
    public static EventStream open(Path dir, Options options) throws IOException {
        return SegmentedEventStream.open(dir, options);
    }

    /**
     * Default {@link Options#commitDelay()}: 1 ms. An fsync costs ~70–80 µs of CPU here whatever it carries (a 2-core
     * EPYC VM, ext4), so at 15,000 single-event requests/s from 256 connections the writer did ~2,000 fsyncs/s
     * (7 appends each), ~11 % of the server's CPU; see docs/benchmarks.md for the effect of the delay.
     */
    public static final Duration DEFAULT_COMMIT_DELAY = Duration.ofMillis(1);

    /** Opens the log with {@link Options#defaults()}. */
    public static EventStream open(Path dir) throws IOException {
        return open(dir, Options.defaults());
    }

    /**
     * Tuning of the embedded log.
     *
     * @param segmentBytes       segment roll size (default 64 MiB; a single larger record gets its own segment)
     * @param indexIntervalBytes bytes between sparse index entries (default 4 KiB)
     * @param maxLagRecords      backpressure bound on the slowest consumer's lag in records (default 1,000,000)
     * @param maxLagBytes        backpressure bound on that lag in bytes (default 1 GiB)
     * @param consumers          consumers registered from the start, holding back retention and
     *                           driving backpressure even before their first commit
     *                           (default {@link EventStream#STREAM_PROCESSOR})
     * @param clock              source of the records' append time
     * @param commitDelay        longest wait for more appends before a group commit's fsync, applied only when the
     *                           previous group commit had two or more appends (default {@link #DEFAULT_COMMIT_DELAY})
     */
    public record Options(long segmentBytes, int indexIntervalBytes, long maxLagRecords, long maxLagBytes,
            Set<String> consumers, Clock clock, Duration commitDelay) {

        public Options {
            if (segmentBytes < 64 || indexIntervalBytes < 64 || maxLagRecords < 1 || maxLagBytes < 64) {
                throw new IllegalArgumentException("Stream options out of range: segmentBytes=" + segmentBytes
                        + ", indexIntervalBytes=" + indexIntervalBytes + ", maxLagRecords=" + maxLagRecords
                        + ", maxLagBytes=" + maxLagBytes);
            }
            consumers = Set.copyOf(consumers);
            consumers.forEach(ConsumerOffsets::checkName);
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(commitDelay, "commitDelay");
            if (commitDelay.isNegative() || commitDelay.compareTo(Duration.ofMillis(100)) > 0) {
                throw new IllegalArgumentException("Stream option commitDelay out of range [0, 100 ms]: " + commitDelay);
            }
        }

        public static Options defaults() {
            return new Options(64L << 20, 4096, 1_000_000, 1L << 30, Set.of(EventStream.STREAM_PROCESSOR),
                    Clock.systemUTC(), DEFAULT_COMMIT_DELAY);
        }

        public Options withSegmentBytes(long bytes) {
            return new Options(bytes, indexIntervalBytes, maxLagRecords, maxLagBytes, consumers, clock, commitDelay);
        }

        public Options withIndexIntervalBytes(int bytes) {
            return new Options(segmentBytes, bytes, maxLagRecords, maxLagBytes, consumers, clock, commitDelay);
        }

        public Options withMaxLag(long records, long bytes) {
            return new Options(segmentBytes, indexIntervalBytes, records, bytes, consumers, clock, commitDelay);
        }

        public Options withConsumers(Set<String> names) {
            return new Options(segmentBytes, indexIntervalBytes, maxLagRecords, maxLagBytes, names, clock, commitDelay);
        }

        /**
         * How long the writer may hold a group commit open for more appends when the previous one had two or more
         * (0 = never): concurrent appenders then share one fsync; a lone sequential appender never waits.
         */
        public Options withCommitDelay(Duration d) {
            return new Options(segmentBytes, indexIntervalBytes, maxLagRecords, maxLagBytes, consumers, clock, d);
        }

        public Options withClock(Clock c) {
            return new Options(segmentBytes, indexIntervalBytes, maxLagRecords, maxLagBytes, consumers, c, commitDelay);
        }
    }
}
