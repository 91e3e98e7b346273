package io.driftwatch.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One bucket through the synchronous S3 client: the few object operations the stores need, every failure an
 * {@link UncheckedIOException} naming the operation and the {@code s3://bucket/key}. Thread-safe (the client is).
 */
final class Bucket {
    /** DeleteObjects takes at most 1,000 keys a request. */
    private static final int DELETE_BATCH = 1000;
    /** The user metadata key of an object's full content type. */
    static final String TYPE_META = "driftwatch-content-type";
    private static final String OCTETS = "application/octet-stream";
    private final S3Client s3;
    private final String name;
    /** Set once DeleteObjects answered 501: keys are deleted one request each from then on. */
    private volatile boolean singleDeletes;

    Bucket(S3Client s3, String name) {
        this.s3 = s3;
        this.name = name;
    }

    String name() {
        return name;
    }

    /**
     * Creates the bucket unless it exists (a HEAD, then a CREATE on 404). A 403 on the HEAD (credentials allowed
     * to use the bucket's objects, not to look at the bucket) is taken as "exists".
     */
    void ensureExists() {
        try {
            s3.headBucket(b -> b.bucket(name));
        } catch (S3Exception e) {
            if (e.statusCode() == 403) {
                return;
            }
            if (e.statusCode() != 404) {
                throw failed("HEAD bucket", "", e);
            }
            try {
                s3.createBucket(b -> b.bucket(name));
            } catch (SdkException c) {
                throw failed("CREATE bucket", "", c);
            }
        } catch (SdkException e) {
            throw failed("HEAD bucket", "", e);
        }
    }

    /**
     * Stores bytes; the content type goes to the user metadata {@value #TYPE_META} (HTTP servers in front of S3
     * clones rewrite a {@code Content-Type} with parameters, which breaks its signature) and the object's
     * {@code Content-Type} is its media type without parameters.
     */
    void put(String key, byte[] body, String contentType) {
        String media = contentType.split(";", 2)[0].trim();
        try {
            s3.putObject(r -> r.bucket(name).key(key).contentType(media.isEmpty() ? OCTETS : media)
                    .metadata(Map.of(TYPE_META, contentType)), RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw failed("PUT", key, e);
        }
    }

    void put(String key, Path file, String contentType) {
        try {
            s3.putObject(r -> r.bucket(name).key(key).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw failed("PUT", key, e);
        }
    }

    /** An object's bytes and content type; empty when there is no such key. */
    Optional<Stored> get(String key) {
        try {
            ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(name).key(key));
            String type = r.response().metadata().getOrDefault(TYPE_META, r.response().contentType());
            return Optional.of(new Stored(r.asByteArray(), type));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failed("GET", key, e);
        } catch (SdkException e) {
            throw failed("GET", key, e);
        }
    }

    /** Downloads an object to {@code target} through a temporary sibling, then an atomic rename. */
    void download(String key, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".download-", ".tmp");
            try (InputStream in = s3.getObject(b -> b.bucket(name).key(key))) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download s3://" + name + "/" + key + " to " + target, e);
        } catch (SdkException e) {
            throw failed("GET", key, e);
        }
    }

    /** Every object under {@code prefix} (all pages), in key order; folder markers (keys ending in /) are left out. */
    List<S3Object> list(String prefix) {
        try {
            List<S3Object> out = new ArrayList<>();
            s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(name).prefix(prefix).build())
                    .contents().stream().filter(o -> !o.key().endsWith("/")).forEach(out::add);
            return out;
        } catch (SdkException e) {
            throw failed("LIST", prefix, e);
        }
    }

    /** The "folders" right under {@code prefix} (delimiter {@code /}), each ending in {@code /}. */
    List<String> folders(String prefix) {
        try {
            List<String> out = new ArrayList<>();
            s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(name).prefix(prefix).delimiter("/")
                    .build()).commonPrefixes().stream().map(CommonPrefix::prefix).forEach(out::add);
            return out;
        } catch (SdkException e) {
            throw failed("LIST", prefix, e);
        }
    }

    /**
     * Deletes the keys (absent ones are no error): DeleteObjects with 1,000 keys a request, or one DELETE a key
     * once the store answered DeleteObjects with 501 Not Implemented (S3 clones that refuse its checksum headers).
     */
    void delete(Collection<String> keys) {
        List<ObjectIdentifier> ids = keys.stream().map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
            if (singleDeletes || !deleteBatch(batch)) {
                batch.forEach(id -> deleteOne(id.key()));
            }
        }
    }

    /** One DeleteObjects; false when the store does not implement it (then {@link #singleDeletes} is set). */
    private boolean deleteBatch(List<ObjectIdentifier> batch) {
        DeleteObjectsResponse r;
        try {
            r = s3.deleteObjects(b -> b.bucket(name).delete(Delete.builder().objects(batch).quiet(true).build()));
        } catch (S3Exception e) {
            if (e.statusCode() == 501) {
                singleDeletes = true;
                return false;
            }
            throw failed("DELETE", batch.getFirst().key() + " (and " + (batch.size() - 1) + " more)", e);
        } catch (SdkException e) {
            throw failed("DELETE", batch.getFirst().key() + " (and " + (batch.size() - 1) + " more)", e);
        }
        if (r.hasErrors() && !r.errors().isEmpty()) {
            throw new UncheckedIOException(new IOException("cannot delete s3://" + name + "/"
                    + r.errors().getFirst().key() + ": " + r.errors().getFirst().message() + " ("
                    + r.errors().size() + " keys failed)"));
        }
        return true;
    }

    private void deleteOne(String key) {
        try {
            s3.deleteObject(b -> b.bucket(name).key(key));
        } catch (SdkException e) {
            throw failed("DELETE", key, e);
        }
    }

    private UncheckedIOException failed(String what, String key, SdkException e) {
        return new UncheckedIOException(new IOException(what + " s3://" + name + "/" + key + " failed: "
                + e.getMessage(), e));
    }

    /** An object's content. */
    record Stored(byte[] bytes, String contentType) {
    }
}
