package io.driftwatch.benchmarks.scaleout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM of an {@link HttpRun}: {@code driftwatch serve} from the runnable jar ({@code cli/target/driftwatch.jar},
 * with a JFR recording {@code dw} of the {@code profile} settings so its CPU can be split by component), or s3proxy
 * ({@code org.gaul.s3proxy.Main}, filesystem backend). Output goes to a log file; {@link #close()} stops it (SIGTERM,
 * then SIGKILL after 20 s).
 */
final class Child implements AutoCloseable {
    static final String S3_IDENTITY = "dw-bench";
    static final String S3_SECRET = "dw-bench-secret";
    private static final Pattern SERVING = Pattern.compile("driftwatch serving on (https?://[^\\s]+)");
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    final Process process;
    final String url;

    private Child(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    long pid() {
        return process.pid();
    }

    /** {@code driftwatch serve --port 0 flags…}; returns when {@code /health/ready} answers 200 (≤ 120 s). */
    static Child server(Path jar, List<String> flags, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Xms1g", "-Xmx2g", "-XX:+UseG1GC",
                "--enable-native-access=ALL-UNNAMED", "-XX:StartFlightRecording=name=dw,settings=profile",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Daws.accessKeyId=" + S3_IDENTITY,
                "-Daws.secretAccessKey=" + S3_SECRET, "-Daws.region=us-east-1", "-jar", jar.toString(), "serve",
                "--port", "0"));
        cmd.addAll(flags);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            Matcher m = SERVING.matcher(Files.readString(log));
            if (m.find() && status(m.group(1) + "/health/ready") == 200) {
                return new Child(p, m.group(1));
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new IllegalStateException("driftwatch serve did not become ready; log " + log + ":\n"
                + Files.readString(log));
    }

    /** s3proxy on a free port with its objects under {@code dir}; {@code classpath}: s3proxy and its dependencies. */
    static Child s3proxy(String classpath, Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("blobs"));
        Path props = dir.resolve("s3proxy.properties");
        String url = "http://127.0.0.1:" + port;
        Files.writeString(props, "s3proxy.endpoint=" + url + "\ns3proxy.authorization=aws-v2-or-v4\n"
                + "s3proxy.identity=" + S3_IDENTITY + "\ns3proxy.credential=" + S3_SECRET + "\n"
                + "jclouds.provider=filesystem\njclouds.filesystem.basedir=" + dir.resolve("blobs") + "\n");
        Process p = new ProcessBuilder(JAVA, "-Xmx512m", "-cp", classpath, "org.gaul.s3proxy.Main", "--properties",
                props.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (status(url + "/") > 0) {
                return new Child(p, url);
            }
            Thread.sleep(200);
        }
        p.destroyForcibly();
        throw new IllegalStateException("s3proxy did not start: " + Files.readString(dir.resolve("s3proxy.log")));
    }

    /** Dumps the server's JFR recording {@code dw} to {@code file} ({@code jcmd}). */
    void dumpRecording(Path file) throws Exception {
        Path jcmd = Path.of(JAVA).resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "JFR.dump", "name=dw",
                "filename=" + file).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !Files.exists(file)) {
            throw new IllegalStateException("jcmd JFR.dump failed: " + out);
        }
    }

    static int status(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The body of a GET. */
    static String get(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
