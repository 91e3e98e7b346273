package io.driftwatch.store.s3;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The bytes of summary objects read lately, by key and ETag (an overwritten object — a replay — is read again), at
 * most {@code maxBytes} in memory, least recently read dropped first. Summaries are small (a few KB per column and
 * cell), so a controller cycle reads each once. Thread-safe.
 */
final class SummaryCache {
    /** The default bound: 64 MiB. */
    static final long DEFAULT_MAX_BYTES = 64L << 20;
    private final Bucket bucket;
    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> bytes = new LinkedHashMap<>(16, 0.75f, true);
    private long total;

    SummaryCache(Bucket bucket, long maxBytes) {
        this.bucket = bucket;
        this.maxBytes = maxBytes;
    }

    /**
     * The object's bytes, from memory or one GET.
     *
     * @throws UncheckedIOException when the object is gone or cannot be read
     */
    byte[] bytes(S3Object object) {
        String id = object.key() + "\u0000" + object.eTag();
        synchronized (this) {
            byte[] b = bytes.get(id);
            if (b != null) {
                return b;
            }
        }
        byte[] b = bucket.get(object.key()).orElseThrow(() -> new UncheckedIOException(
                new FileNotFoundException("summary object " + object.key() + " is gone"))).bytes();
        synchronized (this) {
            byte[] old = bytes.put(id, b);
            total += b.length - (old == null ? 0 : old.length);
            var it = bytes.entrySet().iterator();
            while (total > maxBytes && it.hasNext()) {
                Map.Entry<String, byte[]> e = it.next();
                total -= e.getValue().length;
                it.remove();
            }
        }
        return b;
    }
}
