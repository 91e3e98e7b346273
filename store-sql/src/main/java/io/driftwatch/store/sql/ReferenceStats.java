package io.driftwatch.store.sql;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.json.EndpointJson;
import io.driftwatch.engine.port.ReferenceVersion;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reference statistics of the endpoints ({@code status.feature_stats}), stored once per distinct content in
 * {@code reference_stats (hash, stats)} since schema version 8: {@code hash} is the hex SHA-256 of their JSON
 * ({@link EndpointJson#writeStats}), {@code endpoints.stats_hash} names the row. Every endpoint of one model version
 * has the same ~23 KB of statistics, so a controller cycle over 10,000 such endpoints read 230 MB of JSON and parsed
 * it 10,000 times; now it reads 10,000 hashes, one ~23 KB row per distinct hash and parses each hash once.
 *
 * <p>Reads: the rows' hashes not in this cache are fetched with one query per read (per 256 hashes) and parsed once;
 * the parsed {@link FeatureStats} stay in an LRU of {@value #CACHE_SIZE} entries by hash (content-addressed: an entry
 * is never stale). Memory: measured ~13 KB of heap per parsed 25 KB JSON of numeric histograms (8 columns x 80
 * bins), so the full cache holds ~3.3 MB of such statistics (more with many categorical values: strings and maps),
 * and typically a few entries (one per model version). A row with a NULL hash (no statistics, or written before
 * version 8 with its statistics inline in {@code feature_stats}) reads as before.
 *
 * <p>Measured ({@code SqlReferenceStatsBench}: 10,000 endpoints of one model, 25.4 KB of statistics each,
 * {@code getAll} of 256 uids, 40 batches, second pass, two runs on a shared machine at load 1.6-4.5): PostgreSQL
 * 11.6-15.1 ms per batch vs 125.5-129.2 ms with the same statistics inline (40 batches: 0.5-0.6 s vs 5.0-5.2 s);
 * MariaDB 8.1-15.4 ms vs 142-367 ms.
 *
 * <p>Writes: the statistics row is inserted when absent, once per distinct hash of a transaction; the hashes are
 * first read {@code FOR KEY SHARE} (MySQL/MariaDB: those a plain read found, {@code LOCK IN SHARE MODE}; the others
 * are inserted with {@code ON DUPLICATE KEY UPDATE}, which locks an existing row), so the 23 KB are sent only for a
 * new hash, and a concurrent orphan deletion ({@link #deleteOrphans}, which locks the rows {@code FOR UPDATE} before
 * it checks for users, and before the endpoint rows that drop them change: {@link #lockForChange}) either waits for
 * this transaction, and then sees its endpoint, or finishes before, and then this transaction inserts the row again.
 * No endpoint is ever left without its row ({@code SqlReferenceStatsIT}: two writers each putting, reading and
 * deleting 100 endpoints of the same statistics). On MariaDB a deadlock (transient, SQL state 40001: the caller
 * retries) remains possible when one writer re-creates statistics its own deletion just removed while another adds a
 * user of them (both lock the deleted row not yet purged): 0-1 per 400 writes of that test; none on PostgreSQL.
 */
final class ReferenceStats {
    /** Entries of the parsed-statistics cache. */
    static final int CACHE_SIZE = 256;
    private static final int CHUNK = 256;
    private final Map<String, FeatureStats> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, FeatureStats> eldest) {
                    return size() > CACHE_SIZE;
                }
            });
    /** Statistics parsed from {@code reference_stats} since this store opened (for tests). */
    final AtomicLong parses = new AtomicLong();

    /**
     * An endpoint read without its statistics, the hash of its {@code reference_stats} row (null: none) and the seq
     * of the history row holding its current statistics (null: inline, {@link HistoryExtra}).
     */
    record Row(ModelEndpoint endpoint, String statsHash, Long statsSeq) {
    }

    /** The hex SHA-256 of the statistics' JSON; null for empty statistics (kept inline, as before version 8). */
    static String hash(FeatureStats stats) {
        return stats == null || stats.isEmpty() ? null : ReferenceVersion.contentHash(EndpointJson.writeStats(stats));
    }


    /** The endpoints of the rows, each with its statistics (rows without a hash as read). */
    List<ModelEndpoint> resolve(Connection c, Dialect d, List<Row> rows) throws SQLException {
        Set<String> wanted = new LinkedHashSet<>();
        rows.forEach(r -> {
            if (r.statsHash() != null) {
                wanted.add(r.statsHash());
            }
        });
        Map<String, FeatureStats> found = load(c, d, wanted);
        List<ModelEndpoint> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.statsHash() == null ? r.endpoint() : withStats(r.endpoint(), found.get(r.statsHash())));
        }
        return out;
    }

    private static ModelEndpoint withStats(ModelEndpoint e, FeatureStats stats) {
        return e.withStatus(e.status().toBuilder().featureStats(stats).build());
    }

    /** The statistics of the hashes: from the cache, the rest in one query per 256 and parsed once each. */
    private Map<String, FeatureStats> load(Connection c, Dialect d, Set<String> hashes) throws SQLException {
        Map<String, FeatureStats> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String h : hashes) {
            FeatureStats s = cache.get(h);
            if (s == null) {
                missing.add(h);
            } else {
                out.put(h, s);
            }
        }
        for (List<String> part : chunks(missing)) {
            Jdbc.query(c, d, "SELECT hash, stats FROM reference_stats WHERE hash IN (" + marks(part.size()) + ")",
                    rs -> {
                        FeatureStats s = EndpointJson.readStats(rs.getString(2));
                        parses.incrementAndGet();
                        cache.put(rs.getString(1), s);
                        return out.put(rs.getString(1), s);
                    }, part);
        }
        for (String h : missing) {
            if (!out.containsKey(h)) {
                throw new IllegalStateException("reference statistics " + h + " of an endpoint are missing");
            }
        }
        return out;
    }

    /**
     * Makes sure {@code reference_stats} has the row of each statistics (by hash) in the caller's transaction:
     * reads the hashes with a share lock, inserts the absent ones; hashes in {@code done} are skipped and added.
     * (Hashes locked {@code FOR UPDATE} by this transaction are re-read, not re-locked: the lock is its own.)
     */
    static void ensure(Connection c, Dialect d, Map<String, FeatureStats> byHash, Set<String> done)
            throws SQLException {
        List<String> todo = byHash.keySet().stream().filter(h -> h != null && !done.contains(h)).sorted().toList();
        if (todo.isEmpty()) {
            return;
        }
        // MySQL/MariaDB: a locking read of an absent key takes a gap lock, and two writers of the same new statistics
        // that both did would deadlock on their inserts (measured: SqlReferenceStatsIT), so only the hashes a plain
        // read found are locked; the others are inserted directly (waiting for a concurrent insert of the same)
        List<String> candidates = d == Dialect.POSTGRESQL ? todo : select(c, d, todo, "");
        Set<String> present = new HashSet<>(select(c, d, candidates, d.shareLock()));
        List<String> absent = todo.stream().filter(h -> !present.contains(h)).toList();
        Jdbc.batch(c, d, insertIfAbsent(d), absent,
                h -> List.of(h, EndpointJson.writeStats(byHash.get(h))));
        done.addAll(todo);
    }

    /**
     * PostgreSQL: {@code ON CONFLICT DO NOTHING}. MySQL/MariaDB: not {@code INSERT IGNORE}, which share-locks a
     * duplicate and then needs an exclusive lock to reuse it when it is a deleted row not yet purged: two writers of
     * the same statistics right after the deletion of their row both held the share lock and deadlocked (measured,
     * {@code SqlReferenceStatsIT}); {@code ON DUPLICATE KEY UPDATE} takes the exclusive lock at once, so they queue.
     */
    private static String insertIfAbsent(Dialect d) {
        List<String> columns = List.of("hash", "stats");
        return d == Dialect.POSTGRESQL ? d.insertIgnore("reference_stats", columns)
                : Dialect.insert("reference_stats", columns) + " ON DUPLICATE KEY UPDATE hash = hash";
    }

    private static List<String> select(Connection c, Dialect d, List<String> hashes, String locking)
            throws SQLException {
        List<String> out = new ArrayList<>();
        for (List<String> part : chunks(hashes)) {
            out.addAll(Jdbc.query(c, d, "SELECT hash FROM reference_stats WHERE hash IN (" + marks(part.size())
                    + ") ORDER BY hash" + locking, rs -> rs.getString(1), part));
        }
        return out;
    }

    /** The {@code stats_hash} of an endpoint row (null: none, or no row). */
    static String statsHash(Connection c, Dialect d, String project, String uid) throws SQLException {
        return Jdbc.first(c, d, "SELECT stats_hash FROM endpoints WHERE project = ? AND uid = ?",
                rs -> rs.getString(1), List.of(project, uid)).orElse(null);
    }

    /**
     * Before the endpoint row changes from {@code oldHash} to {@code newHash}: the row of the new statistics made sure
     * of (share lock) and the old one, if it may become an orphan, locked {@code FOR UPDATE}, in hash order (one lock
     * order for every writer). Taking the old row's lock before the endpoint row changes serialises the writers that
     * drop users of one row: on MariaDB, two deletions of its last two users that each changed their endpoint first
     * deadlocked in the orphan check ({@code SqlReferenceStatsIT.concurrentUsersOfOneStatisticsNeverLoseItsRow}).
     */
    static void lockForChange(Connection c, Dialect d, String oldHash, String newHash, FeatureStats stats,
                              Set<String> ensured) throws SQLException {
        boolean dropping = oldHash != null && !oldHash.equals(newHash);
        boolean newFirst = newHash != null && (!dropping || newHash.compareTo(oldHash) < 0);
        if (newFirst) {
            ensure(c, d, Map.of(newHash, stats), ensured);
        }
        if (dropping) {
            lockForUpdate(c, d, List.of(oldHash));
        }
        if (newHash != null && !newFirst) {
            ensure(c, d, Map.of(newHash, stats), ensured);
        }
    }

    /** Deletes the row of {@code oldHash} if no endpoint uses it any more (nothing when it is {@code newHash}). */
    static void dropIfOrphaned(Connection c, Dialect d, String oldHash, String newHash)
            throws SQLException {
        if (oldHash != null && !oldHash.equals(newHash)) {
            deleteOrphans(c, d, List.of(oldHash));
        }
    }

    /**
     * Deletes the rows of {@code hashes} that no endpoint references any more, in the caller's transaction: locks
     * them ({@code FOR UPDATE}, so a writer that is adding a reference finishes first), then deletes those without
     * a user ({@code endpoints_stats_hash} index). Returns the rows deleted.
     */
    static int deleteOrphans(Connection c, Dialect d, Collection<String> hashes) throws SQLException {
        lockForUpdate(c, d, hashes);
        int n = 0;
        for (List<String> part : chunks(sorted(hashes))) {
            n += Jdbc.update(c, d, "DELETE FROM reference_stats WHERE hash IN (" + marks(part.size()) + ") AND NOT"
                    + " EXISTS (SELECT 1 FROM endpoints e WHERE e.stats_hash = reference_stats.hash)", part);
        }
        return n;
    }

    /**
     * Locks the rows of {@code hashes} ({@code FOR UPDATE}, in hash order) for the caller's transaction: taken before
     * the endpoint rows that use them change, so writers dropping users of one row run one after the other.
     */
    static void lockForUpdate(Connection c, Dialect d, Collection<String> hashes) throws SQLException {
        for (List<String> part : chunks(sorted(hashes))) {
            Jdbc.query(c, d, "SELECT hash FROM reference_stats WHERE hash IN (" + marks(part.size())
                    + ") ORDER BY hash FOR UPDATE", rs -> null, part);
        }
    }

    private static List<String> sorted(Collection<String> hashes) {
        return hashes.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
    }

    private static List<List<String>> chunks(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            out.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
