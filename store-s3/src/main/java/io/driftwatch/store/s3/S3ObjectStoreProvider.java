package io.driftwatch.store.s3;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendOptions;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.ObjectStoreProvider;
import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.SampleStore;
import java.nio.file.Path;
import java.util.Set;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --parquet-path s3://bucket/prefix}: the Parquet samples and the apps' artifacts in that bucket under that
 * prefix (the bucket is created if missing). Options of the {@link BackendContext}: {@code s3-endpoint} (the URL
 * of an S3-compatible store, e.g. {@code http://127.0.0.1:9000}, else {@code AWS_ENDPOINT_URL_S3} or
 * {@code AWS_ENDPOINT_URL}; path-style access is always on), {@code s3-region}.
 * Credentials come from the standard AWS chain (environment, system properties, profiles, roles). Downloaded
 * objects are cached under {@code {dataDir}/s3-cache/{bucket}/}, at most {@code s3-cache-bytes} of them (default
 * 1 GiB; least recently read deleted first), files wait for their upload in
 * {@code {dataDir}/s3-staging/}. One S3 client per endpoint and region, shared by both stores.
 */
public final class S3ObjectStoreProvider implements ObjectStoreProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public SampleStore openSamples(BackendUri uri, BackendContext context) {
        S3Location at = S3Location.of(uri);
        Bucket bucket = bucket(at, context);
        Path data = context.dataDir().toAbsolutePath().normalize();
        return context.shared("s3-samples:" + endpoint(context) + ":" + at, () -> context.register(
                S3SampleStore.open(bucket, at.base(), data.resolve("s3-cache").resolve(at.bucket()),
                        data.resolve("s3-staging"), cacheBytes(context))));
    }

    @Override
    public ArtifactStore openArtifacts(BackendUri uri, BackendContext context) {
        S3Location at = S3Location.of(uri);
        return new S3ArtifactStore(bucket(at, context), at.base());
    }

    private static Bucket bucket(S3Location at, BackendContext context) {
        String endpoint = endpoint(context);
        String region = S3Clients.region(context.option(S3Clients.REGION, null), System.getenv());
        S3Client client = context.shared("s3-client:" + endpoint + ":" + region,
                () -> context.register(S3Clients.open(endpoint, region)));
        return new Bucket(client, at.bucket());
    }

    private static long cacheBytes(BackendContext context) {
        String v = context.option(BackendOptions.S3_CACHE_BYTES, null);
        return v == null ? SampleCache.DEFAULT_MAX_BYTES : BackendOptions.bytes(BackendOptions.S3_CACHE_BYTES, v);
    }

    private static String endpoint(BackendContext context) {
        return S3Clients.endpoint(context.option(S3Clients.ENDPOINT, null), System.getenv());
    }
}
