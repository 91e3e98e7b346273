package io.driftwatch.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * s3proxy in the test JVM (filesystem backend under {@code target/s3proxy/}, a free port, AWS v2/v4 signatures
 * checked) with the bucket {@value #BUCKET}; {@link #stop()} and {@link #start()} take it down and up on the same
 * port and directory (the object-store outage test). The approach of store-s3's {@code S3ProxyFixture}, copied: that
 * class is package-private in store-s3's test sources, which no other module can depend on. Servers in child
 * processes get the credentials as {@code -Daws.accessKeyId}/{@code -Daws.secretAccessKey} ({@link #jvmOptions()}).
 */
final class S3 {
    static final String ACCESS_KEY = "driftwatch-it";
    static final String SECRET_KEY = "driftwatch-it-secret";
    static final String BUCKET = "driftwatch-it";
    private final int port;
    private final BlobStoreContext blobs;
    private final S3Client client;
    private S3Proxy proxy;

    private S3(int port, BlobStoreContext blobs) {
        this.port = port;
        this.blobs = blobs;
        this.client = S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
    }

    static S3 start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "s3proxy", "run-" + ProcessHandle.current().pid()))
                    .toAbsolutePath();
            Properties p = new Properties();
            p.setProperty("jclouds.filesystem.basedir", dir.toString());
            BlobStoreContext blobs = ContextBuilder.newBuilder("filesystem").overrides(p).build(BlobStoreContext.class);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            S3 s3 = new S3(port, blobs);
            s3.up();
            try {
                s3.client.createBucket(b -> b.bucket(BUCKET));
            } catch (software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException e) {
                // s3proxy's filesystem backend may answer 409 to a first create whose request it retried
            }
            return s3;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The {@code --parquet-path} of a test: {@code s3://driftwatch-it/{prefix}}. */
    String parquetPath(String prefix) {
        return "s3://" + BUCKET + "/" + prefix;
    }

    /** System properties a server process needs to sign its requests (the default AWS credential chain). */
    List<String> jvmOptions() {
        return List.of("-Daws.accessKeyId=" + ACCESS_KEY, "-Daws.secretAccessKey=" + SECRET_KEY,
                "-Daws.region=us-east-1");
    }

    /** The objects under {@code prefix}. */
    List<S3Object> objects(String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().toList();
    }

    /** Starts the proxy (again); returns when it serves. */
    synchronized void up() {
        if (proxy != null) {
            return;
        }
        S3Proxy p = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create(endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        try {
            p.start();
            while (!AbstractLifeCycle.STARTED.equals(p.getState())) {
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy on port " + port, e);
        }
        proxy = p;
    }

    /** Stops the proxy: connections are refused until {@link #up()}. */
    synchronized void stop() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop s3proxy", e);
        }
        proxy = null;
    }
}
