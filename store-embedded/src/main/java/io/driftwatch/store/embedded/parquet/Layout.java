package io.driftwatch.store.embedded.parquet;

import io.driftwatch.engine.port.StreamPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The directory layout of DESIGN.md §11 and the file names of one write. */
final class Layout {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path root;

    Layout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** {@code {root}/projects/{p}/model-endpoints/parquet}. */
    Path projectDir(String project) {
        return root.resolve("projects").resolve(safe(project, "project")).resolve("model-endpoints")
                .resolve("parquet");
    }

    /** {@code {root}/projects/{p}/model-endpoints/parquet/key={uid}}. */
    Path endpointDir(String project, String uid) {
        return projectDir(project).resolve("key=" + safe(uid, "uid"));
    }

    /** The hour directories of every endpoint whose hour ended at or before {@code cutoff}. */
    List<Path> hourDirsEndedBy(Instant cutoff) {
        Path projects = root.resolve("projects");
        if (!Files.isDirectory(projects)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.walk(projects, 8)) { // depth 8: the hour folders, not their files
            return dirs.filter(d -> hourOfDir(projects.relativize(d))
                    .map(h -> !h.plus(Duration.ofHours(1)).isAfter(cutoff)).orElse(false)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sample partitions under " + projects, e);
        }
    }

    /** The hour of {@code {p}/model-endpoints/parquet/key={uid}/year=…/month=…/day=…/hour=…}, if it is one. */
    private static Optional<Instant> hourOfDir(Path rel) {
        if (rel.getNameCount() != 8 || !rel.getName(7).toString().startsWith("hour=")) {
            return Optional.empty();
        }
        try {
            int[] v = new int[4];
            for (int i = 0; i < 4; i++) {
                String seg = rel.getName(4 + i).toString();
                v[i] = Integer.parseInt(seg.substring(seg.indexOf('=') + 1));
            }
            return Optional.of(LocalDateTime.of(v[0], v[1], v[2], v[3], 0).toInstant(ZoneOffset.UTC));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The hour partition of an instant. */
    Path hourDir(String project, String uid, Instant hour) {
        ZonedDateTime t = hour.atZone(ZoneOffset.UTC);
        return endpointDir(project, uid).resolve(String.format("year=%04d", t.getYear()))
                .resolve(String.format("month=%02d", t.getMonthValue()))
                .resolve(String.format("day=%02d", t.getDayOfMonth()))
                .resolve(String.format("hour=%02d", t.getHour()));
    }

    static Instant hourOf(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    static String fileName(long first, long next) {
        return "part-" + first + "-" + next + ".parquet";
    }

    /**
     * The file of one write of {@code partition}'s offsets {@code [first, next)}: {@link #fileName(long, long)} for
     * the single partition, {@code part-{stream}-{partition}-{first}-{next}.parquet} for the others, so that the
     * files of different partitions never collide and a replayed range overwrites its file.
     */
    static String fileName(StreamPartition partition, long first, long next) {
        return partition.single() ? fileName(first, next) : "part-" + partition + "-" + first + "-" + next + ".parquet";
    }

    /** The summary sidecar's name of a Parquet file's name: {@code part-….summary}. */
    static String sidecarName(String parquetName) {
        return parquetName.substring(0, parquetName.length() - ".parquet".length()) + ".summary";
    }

    /** The summary sidecar of a Parquet file. */
    static Path sidecarOf(Path parquet) {
        return parquet.resolveSibling(sidecarName(parquet.getFileName().toString()));
    }

    /** The hidden temporary name of a file (not matched by {@code *.parquet}). */
    static Path temp(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".tmp");
    }

    /** Path segments come from project names and uids: only safe characters, never {@code ..}. */
    static String safe(String s, String what) {
        if (s == null || !SAFE.matcher(s).matches() || s.equals(".") || s.equals("..")) {
            throw new IllegalArgumentException("invalid " + what + " for a sample path: '" + s + "'");
        }
        return s;
    }
}
