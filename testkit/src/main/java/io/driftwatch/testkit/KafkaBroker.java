package io.driftwatch.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka broker (broker + controller in one process) for tests, run as a separate JVM from the
 * Maven jars ({@code org.apache.kafka:kafka_2.13} must be on the test class path; this class needs no Kafka class at
 * compile time). {@link #shared()} starts it once per test JVM (first call: format the storage with
 * {@code kafka.tools.StorageTool}, then {@code kafka.Kafka server.properties}; ~5-15 s on a loaded 2-core machine)
 * and every test class reuses it; a shutdown hook kills it when the JVM exits. {@link #stop()} (SIGTERM),
 * {@link #kill()} (SIGKILL, as {@code kill -9}) and {@link #start()} restart it on the same ports and log directory,
 * so acknowledged records survive (a killed process loses nothing that reached the page cache; the machine does
 * not crash in these tests, so the broker's default lazy fsync is enough).
 * Tests sharing the broker must use topics (projects) of their own.
 */
public final class KafkaBroker {
    private static KafkaBroker shared;
    private final Path home;
    private final int port;
    private final int controllerPort;
    private final String classPath;
    private final Tls tls;
    private Process process;
    private Duration lastStart = Duration.ZERO;

    /** The key store of an SSL client listener: a PKCS#12 file holding the broker's key and certificate. */
    public record Tls(Path keyStore, String password) {
    }

    private KafkaBroker(Path home, int port, int controllerPort, String classPath) {
        this(home, port, controllerPort, classPath, null);
    }

    private KafkaBroker(Path home, int port, int controllerPort, String classPath, Tls tls) {
        this.home = home;
        this.port = port;
        this.controllerPort = controllerPort;
        this.classPath = classPath;
        this.tls = tls;
    }

    /**
     * A broker of its own (not shared; {@link #kill()} it after use) whose client listener speaks SSL only, with the
     * key and certificate of {@code tls} (the controller listener stays plain on loopback). Started.
     */
    public static KafkaBroker startSsl(Tls tls) {
        try {
            KafkaBroker b = new KafkaBroker(Files.createTempDirectory("dw-kafka-ssl-"), freePort(), freePort(),
                    testClassPath(), tls);
            b.format();
            b.start();
            Runtime.getRuntime().addShutdownHook(new Thread(b::kill));
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker of this test JVM, started on first use. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            try {
                KafkaBroker b = new KafkaBroker(Files.createTempDirectory("dw-kafka-"), freePort(), freePort(),
                        testClassPath());
                long t0 = System.nanoTime();
                b.format();
                long formatted = System.nanoTime();
                b.start();
                System.out.printf("Kafka broker %s: storage formatted in %d ms, started in %d ms%n", b.bootstrap(),
                        (formatted - t0) / 1_000_000, b.lastStart.toMillis());
                Runtime.getRuntime().addShutdownHook(new Thread(b::kill));
                shared = b;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** {@code host:port} of the client listener. */
    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** {@code kafka://host:port}, the {@code --stream-path} of this broker. */
    public String streamPath() {
        return "kafka://" + bootstrap();
    }

    /** How long the last {@link #start()} took until the client port accepted connections. */
    public Duration lastStartTime() {
        return lastStart;
    }

    /** Starts the broker process (after {@link #stop()} or {@link #kill()}) and waits until its port accepts. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            process = java("kafka.Kafka", home.resolve("server.properties").toString())
                    .redirectOutput(home.resolve("broker.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitPort(Duration.ofSeconds(90));
        lastStart = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** Stops the broker gracefully (SIGTERM) and waits for the process to end. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the broker (SIGKILL, no shutdown work) and waits for the process to end. */
    public synchronized void kill() {
        end(true);
    }

    private void end(boolean force) {
        if (process == null) {
            return;
        }
        if (force) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void format() throws IOException {
        Files.writeString(home.resolve("server.properties"), properties());
        byte[] id = new byte[16];
        String clusterId;
        do { // an id starting with '-' would be read by the tool as an option (1 start in 64 failed)
            new SecureRandom().nextBytes(id);
            clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        } while (clusterId.startsWith("-"));
        Process p = java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                home.resolve("server.properties").toString())
                .redirectOutput(home.resolve("format.out").toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("formatting the Kafka storage failed: see " + home.resolve("format.out"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String properties() {
        String client = tls == null ? "PLAINTEXT" : "SSL";
        String sslKeys = tls == null ? "" : String.join("\n", "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + tls.keyStore(), "ssl.keystore.password=" + tls.password(),
                "ssl.key.password=" + tls.password(), "ssl.client.auth=none", "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + tls.keyStore(), "ssl.truststore.password=" + tls.password(), "");
        return sslKeys + String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=" + client + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + client + "://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=" + client + ":" + client + ",CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=" + client,
                "log.dirs=" + home.resolve("logs"),
                "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0", "num.partitions=1",
                "auto.create.topics.enable=false", "");
    }

    private ProcessBuilder java(String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath, main));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true);
    }

    private void awaitPort(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited: see " + home.resolve("broker.out"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("the Kafka broker did not listen within " + max);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The test class path: surefire/failsafe put the real one in {@code surefire.test.class.path}. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        if (!cp.contains("kafka_2.13")) {
            throw new IllegalStateException("org.apache.kafka:kafka_2.13 is not on the test class path");
        }
        return String.join(File.pathSeparator, List.of(cp.split(File.pathSeparator)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
