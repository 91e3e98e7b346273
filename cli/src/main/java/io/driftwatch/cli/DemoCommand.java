package io.driftwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.concurrent.BackgroundThreads;
import io.driftwatch.engine.files.FileTrees;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import io.driftwatch.client.DriftwatchClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftwatch demo}: starts the server on the embedded stores (a fresh temporary data directory unless
 * {@code --data-dir}; port 8080 if free, else any) and runs MLRun's model-monitoring tutorial through the real
 * serving path ({@link DemoScenario}): about 25 s with the default 10 s base period. {@code --keep-running} leaves
 * the server up (Ctrl-C stops it); otherwise the server stops and a temporary data directory is deleted.
 * {@code --server URL} runs the same scenario against a server that is already running (e.g. {@code driftwatch
 * serve} on Kafka, PostgreSQL/MySQL and S3) and starts none; the data-directory options are then ignored.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run MLRun's model-monitoring tutorial end to end (iris model, serving with tracking, drift).")
final class DemoCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data-dir", description = "data directory (default: a new temporary directory)")
    Path dataDir;
    @Option(names = "--port", description = "REST port (default: 8080 if free, else any free port)")
    Integer port;
    @Option(names = "--base-period", defaultValue = "10", description = "window length in seconds (default 10)")
    int basePeriodSeconds;
    @Option(names = "--examples", description = "folder with iris_rf.onnx and iris.csv (default: examples/iris)")
    Path examples;
    @Option(names = "--keep-running", description = "leave the server running after the demo")
    boolean keepRunning;
    @Option(names = "--server", paramLabel = "URL", description = "run against this running server (e.g. "
            + "http://127.0.0.1:8080) instead of starting one; its base period must be the demo's --base-period")
    String serverUrl;
    @Option(names = "--grace", defaultValue = "1", description = "with --server: the server's --grace in seconds "
            + "(the demo waits it out before closing the windows; default 1, as the server it starts)")
    int graceSeconds;
    @Option(names = "--verbose", description = "show the server's INFO logs")
    boolean verbose;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (!verbose && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path exampleDir = examples != null ? examples : findExamples();
        if (serverUrl != null) {
            return runAgainst(serverUrl.replaceAll("/+$", ""), out, exampleDir, started);
        }
        boolean temporary = dataDir == null;
        Path data = temporary ? Files.createTempDirectory("driftwatch-demo-") : dataDir;
        Duration base = Duration.ofSeconds(basePeriodSeconds);
        ServerConfig cfg = ServerConfig.defaults().withPort(port != null ? port : defaultPort()).withDataDir(data)
                .withBasePeriod(base).withFlush(500, Duration.ofMillis(300)).withGrace(Duration.ofSeconds(1));
        BackgroundThreads.setNice(10); // as `serve`: the pipeline yields the CPU to the serving requests
        Server server = Server.start(cfg);
        try {
            out.printf("[demo] driftwatch serving on http://localhost:%d (data: %s)%n", server.port(),
                    data.toAbsolutePath());
            DriftwatchClient client = DriftwatchClient.connect("http://localhost:" + server.port());
            new DemoScenario(client, out, exampleDir, base, Duration.ofSeconds(1)).run();
            out.printf("%nDemo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
            out.flush();
            if (keepRunning) {
                out.printf("Server left running on http://localhost:%d — Ctrl-C to stop%n", server.port());
                out.flush();
                awaitShutdown(server);
            }
        } finally {
            server.close();
            if (temporary && !keepRunning) {
                deleteTree(data);
            }
        }
        return 0;
    }

    /** The scenario against the running server at {@code url}; nothing is started or stopped. */
    private int runAgainst(String url, PrintWriter out, Path exampleDir, long started) throws IOException {
        out.printf("[demo] against the running server %s%n", url);
        DriftwatchClient client = DriftwatchClient.connect(url);
        new DemoScenario(client, out, exampleDir, Duration.ofSeconds(basePeriodSeconds),
                Duration.ofSeconds(graceSeconds)).run();
        out.printf("%nDemo finished in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.flush();
        return 0;
    }

    private static void awaitShutdown(Server server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "driftwatch-demo-shutdown"));
        stopped.await();
    }

    /** 8080 if it can be bound now, else 0 (any free port). */
    static int defaultPort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(8080));
            return 8080;
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code examples/iris} under the working directory or next to the jar's checkout ({@code cli/target/}). */
    static Path findExamples() {
        Path cwd = Path.of("examples", "iris");
        if (Files.exists(cwd.resolve("iris_rf.onnx"))) {
            return cwd;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("examples/iris/iris_rf.onnx"))) {
                return p.resolve("examples/iris");
            }
        }
        try {
            Path jar = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.exists(p.resolve("examples/iris/iris_rf.onnx"))) {
                    return p.resolve("examples/iris");
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("cannot find examples/iris (iris_rf.onnx, iris.csv): run from the "
                + "checkout or pass --examples DIR");
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.delete(dir, "the demo's data directory " + dir);
        } catch (UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
