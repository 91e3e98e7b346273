package io.driftwatch.store.s3;

import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.store.embedded.parquet.ParquetFiles;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object names of the samples (DESIGN.md §11 adapted to objects, §13 deterministic names):
 * <pre>
 * {base}projects/{p}/model-endpoints/parquet/key={uid}/year=YYYY/month=MM/day=DD/hour=HH/
 *     part-{stream}-{partition}-{first}-{next}.parquet        one endpoint-hour of one write
 *     part-{stream}-{partition}-{first}-{next}.summary        its rows' window summaries ("DWCS", CellSummary)
 * {base}offsets/{stream}/{partition}.json                      {"next": N}: rows up to N are stored
 * {base}offsets/{stream}/{partition}.pending.json              {"next": N, "keys": [...]}: the write in flight
 * </pre>
 * {@code first} is the partition's stored offset before the write and {@code next} the offset after it, so a
 * replay of the same range writes the same names (and overwrites them).
 */
final class SampleKeys {
    /** The hour partition inside a key; group 1–4: year, month, day, hour. */
    private static final Pattern HOUR = Pattern.compile("/year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/hour=(\\d{2})/");
    /** Windows up to this long are listed per hour folder, longer ones per day folder. */
    private static final Duration LIST_BY_HOUR = Duration.ofHours(3);
    /** Windows longer than this are listed over the endpoint's whole folder. */
    private static final Duration LIST_BY_DAY = Duration.ofDays(62);

    private static final String PARQUET = ".parquet";
    private static final String SUMMARY = ".summary";

    private final String base;

    SampleKeys(String base) {
        this.base = base;
    }

    /** {@code {base}projects/} */
    String projects() {
        return base + "projects/";
    }

    /** {@code {base}projects/{p}/model-endpoints/parquet/} */
    String project(String project) {
        ArtifactStore.Key.requireSafe("project", project);
        return projects() + project + "/model-endpoints/parquet/";
    }

    /** {@code …/parquet/key={uid}/} */
    String endpoint(String project, String uid) {
        ArtifactStore.Key.requireSafe("endpoint uid", uid);
        return project(project) + "key=" + uid + "/";
    }

    /** The object of one endpoint-hour of the write {@code [first, next)} of {@code partition}. */
    String object(String project, String uid, Instant hour, StreamPartition partition, long first, long next) {
        return endpoint(project, uid) + ParquetFiles.hourPartition(hour) + "/part-" + partition.stream() + "-"
                + partition.partition() + "-" + first + "-" + next + ".parquet";
    }

    /** The summary object of a Parquet object: {@code part-….summary} beside {@code part-….parquet}. */
    static String summaryOf(String parquetKey) {
        if (!parquetKey.endsWith(PARQUET)) {
            throw new IllegalArgumentException("not a sample object key: " + parquetKey);
        }
        return parquetKey.substring(0, parquetKey.length() - PARQUET.length()) + SUMMARY;
    }

    /** Whether a key is a sample Parquet object (not its summary). */
    static boolean isParquet(String key) {
        return key.endsWith(PARQUET);
    }

    String offset(StreamPartition partition) {
        return base + "offsets/" + partition.stream() + "/" + partition.partition() + ".json";
    }

    String pending(StreamPartition partition) {
        return base + "offsets/" + partition.stream() + "/" + partition.partition() + ".pending.json";
    }

    /** The prefixes to list for the rows of {@code [start, end)}: hour folders, day folders or the endpoint's. */
    List<String> listPrefixes(String project, String uid, Instant start, Instant end) {
        String ep = endpoint(project, uid);
        Duration length = Duration.between(start, end);
        if (!end.isAfter(start)) {
            return List.of();
        }
        if (length.compareTo(LIST_BY_DAY) > 0) {
            return List.of(ep);
        }
        boolean byHour = length.compareTo(LIST_BY_HOUR) <= 0;
        ChronoUnit unit = byHour ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        List<String> out = new ArrayList<>();
        for (Instant t = start.truncatedTo(unit); t.isBefore(end); t = t.plus(1, unit)) {
            String hour = ParquetFiles.hourPartition(t);
            out.add(ep + (byHour ? hour + "/" : hour.substring(0, hour.lastIndexOf('/') + 1)));
        }
        return out;
    }

    /** The hour a sample key (a Parquet object or its summary) belongs to, if it is one. */
    static Optional<Instant> hourOf(String key) {
        Matcher m = HOUR.matcher(key);
        if (!m.find() || !(key.endsWith(PARQUET) || key.endsWith(SUMMARY))) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), 0).toInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
