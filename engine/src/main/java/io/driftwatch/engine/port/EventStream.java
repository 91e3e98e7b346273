package io.driftwatch.engine.port;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The event stream between ingest and the stream processor (DESIGN.md §2): an append-only,
 * durable, totally ordered log of tracking events with named consumers.
 *
 * <h2>Model</h2>
 * <ul>
 *   <li>Offsets are dense longs starting at 0: the n-th record ever appended has offset n-1.
 *       Retention may delete old records, never renumber them.</li>
 *   <li>A consumer is a name (e.g. {@link #STREAM_PROCESSOR}) with one committed <em>next</em>
 *       offset; there are no groups or partitions. A consumer is registered by configuration of
 *       the implementation or by its first {@link #commit}; registered consumers hold back
 *       retention and drive backpressure.</li>
 *   <li>Durability: {@link #append} returns only after the records are on stable storage
 *       (fsync'd / acknowledged by all in-sync replicas). Only such durable records are ever
 *       returned by {@link #read}, so a consumer never sees a record that a crash could take back.</li>
 * </ul>
 *
 * <h2>Exactly-once processing (how the stream processor uses this port)</h2>
 * Delivery is at-least-once; exactly-once <em>effects</em> come from tying effects to offsets:
 * <ol>
 *   <li>On start: {@code next = committed(name)} (or, better, the offset stored with the effects,
 *       see 3).</li>
 *   <li>Loop: {@code batch = read(next, max, wait)}; apply the effects of the batch;
 *       then {@code commit(name, last.offset() + 1)}; {@code next = last.offset() + 1}.</li>
 *   <li>A crash between effects and commit replays the batch. Make the replay harmless by either
 *       (a) writing {@code last.offset() + 1} in the same database transaction as the effects and
 *       resuming from that stored value (the stream commit then only serves retention and
 *       backpressure), or (b) making every effect idempotent by record offset (e.g. upsert keyed by
 *       {@code (endpoint, offset)}, or skip records whose offset is below the sink's high-water mark).</li>
 * </ol>
 * Commit once per batch (each commit is a durable write, ~1-5 ms on a local disk), not per record.
 *
 * <p>Implementations are thread-safe: many threads may append concurrently (they share fsyncs —
 * group commit); reads and commits may run concurrently with appends.
 */
public interface EventStream extends AutoCloseable {

    /** The consumer name of the stream processor. */
    String STREAM_PROCESSOR = "stream-processor";

    /**
     * Appends the records, one opaque byte array each (one JSON tracking event, already validated
     * by the caller), in list order with consecutive offsets, atomically with respect to other
     * appends (no interleaving). Returns only when all of them are durable; concurrent callers share
     * one fsync (group commit). If it throws, none of the records was acknowledged (an I/O error
     * may still leave some of them in the log: producers that retry get at-least-once).
     *
     * @param records the records; an empty list appends nothing and returns {@link #endOffset()}
     * @return the offset of the first record
     * @throws StreamBackpressureException when accepting the batch would make the lag of the slowest
     *                                     registered consumer exceed the configured bound
     * @throws IllegalArgumentException    when a record or the batch can never fit the bounds
     * @throws IllegalStateException       when the stream is closed or failed
     * @throws java.io.UncheckedIOException when the records could not be made durable
     */
    long append(List<byte[]> records);

    /**
     * Reads up to {@code maxRecords} durable records with offsets {@code >= fromOffset}, in offset
     * order, waiting up to {@code maxWait} for the first one. Returns an empty list on timeout or
     * when the stream is closed. If {@code fromOffset} is below the oldest retained record, reading
     * starts at the oldest retained record (the returned offsets show the gap).
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting or reading
     * @throws java.io.UncheckedIOException when a record fails its checksum or cannot be read;
     *                                      a corrupt record is never returned
     */
    List<StreamRecord> read(long fromOffset, int maxRecords, Duration maxWait) throws InterruptedException;

    /**
     * Durably stores {@code nextOffset} as the consumer's position (the first offset it has not
     * processed); registers the consumer if it is new. The position may move backwards (replay)
     * but not beyond {@link #endOffset()}. Returns after the position is on stable storage.
     *
     * @throws IllegalArgumentException when the name is not {@code [A-Za-z0-9._-]{1,128}} or the
     *                                  offset is negative or beyond {@link #endOffset()}
     */
    void commit(String consumer, long nextOffset);

    /** The consumer's committed next offset (0 when none). */
    long committed(String consumer);

    /**
     * The end of the durable log: the offset after the last durable record, i.e. the offset the next
     * appended record gets when no append is in flight.
     */
    long endOffset();

    /**
     * What making appends durable has cost so far in this process: zeros for a stream that does not count it.
     * The embedded log counts appends (calls), group commits and fsyncs (group commits plus segment rolls).
     */
    default AppendStats appendStats() {
        return AppendStats.NONE;
    }

    /** Durability counters of {@link #appendStats()}, each since the stream was opened. */
    record AppendStats(long appends, long groupCommits, long fsyncs) {
        /** All zero. */
        public static final AppendStats NONE = new AppendStats(0, 0, 0);
    }

    /** Lag of the named consumer in records: {@code endOffset() - committed(consumer)}. */
    default long lag(String consumer) {
        return endOffset() - committed(consumer);
    }

    // ---- Partitions (DESIGN.md §13). A single-partition stream (embedded log, in-memory) needs none of these: the
    // defaults describe it as the one partition StreamPartition.SINGLE, and the methods above are that partition.

    /**
     * Appends records of one key (the endpoint uid) of {@code project} to the partition the key hashes to, so one
     * endpoint's events stay in order on one partition. Returns only when every record is durable (acknowledged by
     * the broker with {@code acks=all}); the records may go to a stream of their own per project (Kafka: topic
     * {@code monitoring_stream_{project}}).
     *
     * @throws StreamUnavailableException when the records could not be made durable now (nothing acknowledged)
     * @throws StreamBackpressureException as {@link #append(List)}
     */
    default void append(String project, String key, List<byte[]> records) {
        append(records);
    }

    /**
     * Makes sure the project's stream exists (Kafka: creates topic {@code monitoring_stream_{project}} with the
     * configured partitions and replication factor); called when monitoring is enabled. Idempotent.
     */
    default void createProject(String project) {
    }

    /** Deletes the project's stream, if it has one of its own (project deletion). */
    default void deleteProject(String project) {
    }

    /**
     * True when {@link #append(String, String, List)} routes records by key (several partitions, or a stream per
     * project); false for a single-partition stream, whose keyed append is a plain {@link #append(List)}.
     */
    default boolean keyed() {
        return false;
    }

    /** The partitions known now, of every stream this handle covers. */
    default List<StreamPartition> partitions() {
        return List.of(StreamPartition.SINGLE);
    }

    /**
     * The single-partition view of {@code partition}: {@link #append(List)} (unkeyed), {@link #read}, {@link #commit},
     * {@link #committed}, {@link #endOffset()} refer to that partition only. A single-partition stream returns itself
     * for {@link StreamPartition#SINGLE}.
     *
     * @throws IllegalArgumentException when the partition is not one of this stream's
     */
    default EventStream partition(StreamPartition partition) {
        if (partition.single()) {
            return this;
        }
        throw new IllegalArgumentException("no partition " + partition + " in a single-partition stream");
    }

    /**
     * Registers the consumer group {@code group}'s listener: told which partitions this instance owns now and
     * whenever that changes (a project's stream created, a rebalance). Before a partition is handed to a new owner the
     * old one gets {@link Assignment#revoked}. A single-partition stream assigns {@link StreamPartition#SINGLE} at once.
     */
    default void subscribe(String group, Assignment listener) {
        listener.assigned(partitions());
    }

    /**
     * As {@link #subscribe(String, Assignment)}, but only with the streams of the projects {@code projects} accepts
     * (the projects this server serves from this stream), so that two deployments on one broker never consume each
     * other's projects; streams shared by every project (the embedded log) are not filtered. The filter may be asked
     * again at any time (a stream appears, a refresh); it must be cheap and must not block long.
     */
    default void subscribe(String group, Predicate<String> projects, Assignment listener) {
        subscribe(group, listener);
    }

    /** Partition ownership callbacks of {@link #subscribe}; called on the stream's thread, must not block long. */
    interface Assignment {
        /** These partitions now belong to this instance: seek each to the offset stored with its effects. */
        void assigned(Collection<StreamPartition> partitions);

        /** These partitions no longer belong to this instance: stop and flush their work. */
        void revoked(Collection<StreamPartition> partitions);
    }

    /**
     * Stops accepting appends, completes the appends already accepted (they stay durable), wakes
     * readers (they return empty), and releases files. Idempotent.
     */
    @Override
    void close();
}
