package io.driftwatch.store.s3;

import io.driftwatch.engine.port.ArtifactStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ArtifactStore} on S3 with the layout of the file-system one ({@code ArtifactStores.fileSystem}):
 * {@code {base}projects/{p}/artifacts/{uid}/{app}/{windowEnd}/{name}} ({@code windowEnd} as
 * {@code 20240301T120000.000000Z}), the content type as the object's {@code Content-Type}. A PUT replaces an object
 * atomically, so writing a key again replaces content and type together. Listing costs one LIST request per 1,000
 * artifacts of the endpoint; retention one LIST per project and 1,000 artifacts. Thread-safe.
 */
final class S3ArtifactStore implements ArtifactStore {
    static final DateTimeFormatter DIR_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::windowEnd)
            .thenComparing(Key::application).thenComparing(Key::name);

    private final Bucket bucket;
    private final String base;

    S3ArtifactStore(Bucket bucket, String base) {
        this.bucket = bucket;
        this.base = base;
    }

    private String projectFolder(String project) {
        Key.requireSafe("project", project);
        return base + "projects/" + project + "/artifacts/";
    }

    private String endpointFolder(String project, String uid) {
        Key.requireSafe("endpoint uid", uid);
        return projectFolder(project) + uid + "/";
    }

    private String key(Key k) {
        return endpointFolder(k.project(), k.uid()) + k.application() + "/" + DIR_TIME.format(k.windowEnd()) + "/"
                + k.name();
    }

    @Override
    public void put(Artifact artifact) {
        bucket.put(key(artifact.key()), artifact.content(), artifact.contentType());
    }

    @Override
    public Optional<Artifact> get(Key key) {
        return bucket.get(key(key)).map(s -> new Artifact(key,
                s.contentType() == null ? "application/octet-stream" : s.contentType(), s.bytes()));
    }

    @Override
    public List<Key> list(String project, String uid, String application) {
        String folder = endpointFolder(project, uid);
        List<Key> keys = new ArrayList<>();
        for (S3Object o : bucket.list(folder)) {
            toKey(project, uid, o.key().substring(folder.length()))
                    .filter(k -> application == null || k.application().equals(application)).ifPresent(keys::add);
        }
        keys.sort(ORDER);
        return keys;
    }

    /** {@code {app}/{windowEnd}/{name}} as a key, if it is one. */
    private static Optional<Key> toKey(String project, String uid, String rel) {
        String[] parts = rel.split("/", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Key(project, uid, parts[0], Instant.from(DIR_TIME.parse(parts[1])), parts[2]));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void deleteEndpoint(String project, String uid) {
        bucket.delete(bucket.list(endpointFolder(project, uid)).stream().map(S3Object::key).toList());
    }

    @Override
    public void deleteProject(String project) {
        bucket.delete(bucket.list(projectFolder(project)).stream().map(S3Object::key).toList());
    }

    /** Deletes the artifacts whose window ended before {@code cutoff}. */
    @Override
    public int deleteOlderThan(Instant cutoff) {
        int removed = 0;
        for (String project : bucket.folders(base + "projects/")) {
            String folder = project + "artifacts/";
            List<String> old = new ArrayList<>();
            for (S3Object o : bucket.list(folder)) {
                String[] parts = o.key().substring(folder.length()).split("/", -1);
                if (parts.length == 4 && endedBefore(parts[2], cutoff)) {
                    old.add(o.key());
                }
            }
            bucket.delete(old);
            removed += old.size();
        }
        return removed;
    }

    private static boolean endedBefore(String windowEnd, Instant cutoff) {
        try {
            return Instant.from(DIR_TIME.parse(windowEnd)).isBefore(cutoff);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
