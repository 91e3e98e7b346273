package io.driftwatch.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code driftwatch serve} as a child JVM ({@code java -jar cli/target/driftwatch.jar serve …}) on a free port, with its log in a file. {@link #kill()} is {@code kill -9}.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("driftwatch serving on https?://[^:]+:(\\d+)");
    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The serve flags of the distributed set-up: Kafka, {@code db} for both stores, S3 under {@code prefix}. */
    static List<String> flags(Parts parts, Parts.Db db, String prefix, Path dataDir) {
        return List.of("--data-dir", dataDir.toString(), "--stream-path", parts.kafka.streamPath(),
                "--endpoint-store-connection", db.uri(), "--tsdb-connection", db.uri(),
                "--parquet-path", parts.s3.parquetPath(prefix), "--s3-endpoint", parts.s3.endpoint(),
                "--kafka-partitions", "4", "--grace", "1s", "--flush-rows", "500", "--flush-interval", "300ms",
                "--health-interval", "1s", "--background-nice", "0");
    }

    /** Starts {@code driftwatch serve --port 0 flags…} and waits (≤ 120 s) until it prints its port. */
    static ServerProcess start(Parts parts, List<String> flags, Path log) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx768m", "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info"));
        cmd.addAll(parts.s3.jvmOptions());
        cmd.addAll(List.of("-jar", jar().toString(), "serve", "--port", "0"));
        cmd.addAll(flags);
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long from = Files.size(log);
            return new ServerProcess(p, log, awaitPort(p, log, from));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code cli/target/driftwatch.jar}, the shaded jar of the reactor's cli module (built before this module): not
     * the test class path, whose s3proxy brings a Jetty that clashes with the server's.
     */
    static Path jar() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path jar = p.resolve("cli/target/driftwatch.jar");
            if (Files.exists(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("cli/target/driftwatch.jar is missing: ./mvnw install -pl cli -am -DskipTests");
    }

    private static int awaitPort(Process p, Path log, long from) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log);
            Matcher m = SERVING.matcher(text.substring((int) Math.min(from, text.length())));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("driftwatch serve exited " + p.exitValue() + ":\n" + tail(log));
            }
            Parts.sleep(100);
        }
        throw new IllegalStateException("driftwatch serve did not start within 120 s:\n" + tail(log));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** The last 60 lines of the server's log (for failure messages). */
    String tail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** {@code kill -9}: no shutdown hook, nothing flushed. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM (the server's shutdown hook drains), SIGKILL after 60 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
