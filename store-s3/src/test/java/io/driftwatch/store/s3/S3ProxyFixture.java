package io.driftwatch.store.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One s3proxy per test JVM (filesystem backend under {@code target/s3proxy/}, a free port, AWS v2/v4 signatures
 * checked), shared by the test classes; {@link #stop()} and {@link #start()} take it down and up again on the same
 * port and directory. The credentials go to the {@code aws.accessKeyId}/{@code aws.secretAccessKey} system
 * properties, so the stores find them through the default chain like in production.
 */
final class S3ProxyFixture {
    static final String ACCESS_KEY = "driftwatch-test";
    static final String SECRET_KEY = "driftwatch-test-secret";
    private static S3ProxyFixture instance;

    private final int port;
    private final BlobStoreContext blobs;
    private final S3Client client;
    private S3Proxy proxy;

    private S3ProxyFixture(int port, BlobStoreContext blobs) {
        this.port = port;
        this.blobs = blobs;
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        this.client = S3Clients.open(endpoint(), S3Clients.DEFAULT_REGION);
    }

    /** The running proxy, started on first use. */
    static synchronized S3ProxyFixture get() {
        if (instance == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "s3proxy", "run-" + ProcessHandle.current().pid()))
                        .toAbsolutePath();
                Properties p = new Properties();
                p.setProperty("jclouds.filesystem.basedir", dir.toString());
                BlobStoreContext blobs = ContextBuilder.newBuilder("filesystem").overrides(p)
                        .build(BlobStoreContext.class);
                instance = new S3ProxyFixture(freePort(), blobs);
                instance.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A bucket through the shared test client, created if missing. */
    Bucket bucket(String name) {
        Bucket b = new Bucket(client, name);
        b.ensureExists();
        return b;
    }

    /** Starts the proxy (again) on the same port and directory; returns when it serves. */
    synchronized void start() {
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

    /** Stops the proxy: requests are refused until {@link #start()}. */
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
