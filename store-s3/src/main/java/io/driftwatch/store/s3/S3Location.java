package io.driftwatch.store.s3;

import io.driftwatch.engine.backend.BackendUri;
import java.net.URI;

/**
 * Where the objects live: {@code s3://bucket/prefix}; every key starts with {@link #base()} ({@code prefix/}, or
 * nothing without a prefix).
 */
record S3Location(String bucket, String prefix) {
    S3Location {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("parquet-path s3:// needs a bucket: s3://bucket/prefix");
        }
        prefix = prefix == null ? "" : trimSlashes(prefix);
    }

    /**
     * Parses {@code s3://bucket[/prefix]}.
     *
     * @throws IllegalArgumentException without a bucket
     */
    static S3Location of(BackendUri uri) {
        URI u = uri.uri().orElseThrow(() -> new IllegalArgumentException("not an s3:// URI: " + uri));
        String bucket = u.getAuthority();
        return new S3Location(bucket, u.getPath());
    }

    /** The key prefix of every object of this location: {@code prefix/} or empty. */
    String base() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    private static String trimSlashes(String p) {
        int from = 0;
        int to = p.length();
        while (from < to && p.charAt(from) == '/') {
            from++;
        }
        while (to > from && p.charAt(to - 1) == '/') {
            to--;
        }
        return p.substring(from, to);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix;
    }
}
