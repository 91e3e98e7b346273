package io.driftwatch.store.embedded.parquet;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

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

    /** {@code {root}/projects/{p}/model-endpoints/parquet/key={uid}}. */
    Path endpointDir(String project, String uid) {
        return root.resolve("projects").resolve(safe(project, "project")).resolve("model-endpoints")
                .resolve("parquet").resolve("key=" + safe(uid, "uid"));
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
