package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch serve} as a child process with passwords in its URIs and Kafka options: everything it prints
 * (stdout, stderr with the server's log) while failing to start, while waiting for a store that does not answer, and
 * while serving, shows them masked and never in clear.
 */
class ServeMaskingIT {
    private static final String URI_PW = "uri-pw-7q2";
    private static final String JAAS_PW = "jaas-pw-7q2";
    @TempDir
    Path dir;

    @Test
    void aFailingStartPrintsNoPassword() throws Exception {
        Run run = serve(Map.of(), 30, "driftwatch serving on", "--stream-path",
                "nats://dw:" + URI_PW + "@127.0.0.1:4222", "--tsdb-connection", "postgresql://dw:" + URI_PW + "@127.0.0.1:1/x");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.output).contains("nats").contains("dw:***@127.0.0.1").doesNotContain(URI_PW);
    }

    @Test
    void aStoreThatDoesNotAnswerIsLoggedMasked() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        // with driftwatch-store-sql on the class path the server waits and logs the retries (killed once the first
        // retry is logged: the pool's 5 s connect timeout on a loaded machine takes longer); without it the start
        // fails naming the module: masked either way
        Run run = serve(Map.of("DRIFTWATCH_KAFKA__SASL_JAAS_CONFIG", jaas()), 90, "dw:***@127.0.0.1:" + closed,
                "--endpoint-store-connection",
                "postgresql://dw:" + URI_PW + "@127.0.0.1:" + closed + "/x");
        assertThat(run.output).contains("dw:***@127.0.0.1:" + closed).doesNotContain(URI_PW).doesNotContain(JAAS_PW);
    }

    @Test
    void theStartLogShowsOptionsMasked() throws Exception {
        Run run = serve(Map.of("DRIFTWATCH_KAFKA__SASL_JAAS_CONFIG", jaas()), 60, "driftwatch serving on", "--kafka",
                "sasl.mechanism=PLAIN");
        assertThat(run.output).contains("driftwatch serving on").contains("kafka.sasl.jaas.config=***")
                .contains("kafka.sasl.mechanism=PLAIN").doesNotContain(JAAS_PW);
    }

    private static String jaas() {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"dw\" password=\""
                + JAAS_PW + "\";";
    }

    private record Run(Integer exit, String output) {
    }

    /** Runs serve until it exits, prints {@code until}, or {@code seconds} pass; then stops it. */
    private Run serve(Map<String, String> env, int seconds, String until, String... args)
            throws IOException, InterruptedException {
        Path log = dir.resolve("serve-" + System.nanoTime() + ".log");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--data-dir", dir.resolve("data").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DRIFTWATCH_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (p.isAlive() && System.nanoTime() < deadline && !read(log).contains(until)) {
            p.waitFor(200, TimeUnit.MILLISECONDS);
        }
        Integer exit = p.isAlive() ? null : p.exitValue();
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        return new Run(exit, read(log));
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
