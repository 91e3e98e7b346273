package io.driftwatch.cli;

import io.driftwatch.concurrent.BackgroundThreads;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendOptions;
import io.driftwatch.server.EnvironmentConfig;
import io.driftwatch.server.Server;
import io.driftwatch.server.ServerConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code driftwatch serve}: every role in one process until SIGINT/SIGTERM. Settings come from {@code --config FILE}
 * (Java properties with the keys of {@link ServerConfig#KEYS} and {@code kafka.*}; unknown keys are an error naming
 * them), overridden by the {@code DRIFTWATCH_*} environment variables ({@link EnvironmentConfig}: every key, e.g.
 * {@code DRIFTWATCH_STREAM_PATH}, {@code DRIFTWATCH_KAFKA__SECURITY_PROTOCOL}; an unknown {@code DRIFTWATCH_*} name
 * is an error naming it), overridden by the options: flag &gt; environment &gt; file &gt; default
 * (docs/scale-out.md lists every key).
 */
@Command(name = "serve", description = "Run Driftwatch (REST API, stream processor, controller, apps, writer).",
        mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", description = "properties file (port, data-dir, base-period, flush-rows, "
            + "flush-interval, grace, max-body-bytes, max-lag-records, stream-path, tsdb-connection, "
            + "endpoint-store-connection, parquet-path, s3-endpoint, kafka-partitions, kafka-replication-factor, "
            + "kafka.*, health-interval, retention, bind, auth, insecure, admin-key-file, open-metrics, "
            + "closed-health, tls-cert, tls-key, allow-outbound, secret-key-file)")
    Path config;
    @Option(names = "--port", description = "REST port (default 8080; 0 = any)")
    Integer port;
    @Option(names = "--data-dir", description = "data directory (default ./driftwatch-data)")
    String dataDir;
    @Option(names = "--base-period", description = "default window length: minutes or 30s/5m/PT5M (default 10)")
    String basePeriod;
    @Option(names = "--grace", description = "controller grace before a window is closed (default 60s)")
    String grace;
    @Option(names = "--flush-rows", description = "Parquet flush rows (default 10000)")
    Integer flushRows;
    @Option(names = "--flush-interval", description = "Parquet flush interval (default 60s)")
    String flushInterval;
    @Option(names = "--max-body-bytes", description = "largest request body (default 16 MiB)")
    Long maxBodyBytes;
    @Option(names = "--max-lag-records", description = "processor lag before ingest answers 429 (default 1000000)")
    Long maxLagRecords;
    @Option(names = "--retention", description = "how long raw rows, time series, results, artifacts and alert "
            + "activations are kept; deleted hourly: days (30) or 12h/7d/P7D (default 30 days)")
    String retention;
    @Option(names = "--stream-path", description = "event stream: embedded (default: {data-dir}/stream), a "
            + "directory, or kafka://host:port[,host:port] (module driftwatch-stream-kafka); "
            + "env DRIFTWATCH_STREAM_PATH")
    String streamPath;
    @Option(names = "--tsdb-connection", description = "time-series store: embedded (default: "
            + "{data-dir}/driftwatch.duckdb), a directory or .duckdb file, or postgresql:// / mysql:// "
            + "(module driftwatch-store-sql); env DRIFTWATCH_TSDB_CONNECTION")
    String tsdbConnection;
    @Option(names = "--endpoint-store-connection", description = "endpoint store: as --tsdb-connection; "
            + "env DRIFTWATCH_ENDPOINT_STORE_CONNECTION")
    String endpointStoreConnection;
    @Option(names = "--parquet-path", description = "Parquet samples: embedded (default: under the data dir), a "
            + "directory, or s3://bucket/prefix (module driftwatch-store-s3); env DRIFTWATCH_PARQUET_PATH")
    String parquetPath;
    @Option(names = "--s3-endpoint", description = "S3 endpoint of an s3:// --parquet-path, e.g. "
            + "http://127.0.0.1:9000 (path-style; default: AWS); env DRIFTWATCH_S3_ENDPOINT")
    String s3Endpoint;
    @Option(names = "--s3-cache-bytes", description = "bound of the local copies of S3 sample objects read by the "
            + "apps and the data route, e.g. 512m, 2g (default 1g; least recently read deleted first); env "
            + "DRIFTWATCH_S3_CACHE_BYTES")
    String s3CacheBytes;
    @Option(names = "--kafka-partitions", description = "partitions of each topic created when monitoring is "
            + "enabled (default 8); env DRIFTWATCH_KAFKA_PARTITIONS")
    Integer kafkaPartitions;
    @Option(names = "--kafka-replication-factor", description = "replication factor of those topics (default "
            + "min(3, brokers)); env DRIFTWATCH_KAFKA_REPLICATION_FACTOR")
    Integer kafkaReplicationFactor;
    @Option(names = "--kafka", paramLabel = "KEY=VALUE", description = "a Kafka client setting passed through, "
            + "repeatable: --kafka security.protocol=SASL_SSL (file key kafka.security.protocol, env "
            + "DRIFTWATCH_KAFKA__SECURITY_PROTOCOL)")
    Map<String, String> kafka;
    @Option(names = "--health-interval", description = "how often each backend is probed for /health/ready, and "
            + "the first retry delay of a backend that is down at start, doubling up to 60s (default 5s); env "
            + "DRIFTWATCH_HEALTH_INTERVAL")
    String healthInterval;
    @Option(names = "--bind", description = "address to listen on (default 127.0.0.1: this machine only; "
            + "0.0.0.0 = every interface, needs --auth required or --insecure)")
    String bind;
    @Option(names = "--auth", description = "required|off: whether requests need an access key (default off, "
            + "allowed on a loopback --bind only)")
    String auth;
    @Option(names = "--insecure", description = "allow --auth off on a non-loopback --bind (anybody on the "
            + "network may then read and change every project)")
    Boolean insecure;
    @Option(names = "--open-metrics", description = "serve /metrics without a key even with --auth required "
            + "(its series name every project's endpoints; default: the admin key only)")
    Boolean openMetrics;
    @Option(names = "--closed-health", description = "/health/live and /health/ready need a key (any valid one) "
            + "with --auth required (default: open, for probes)")
    Boolean closedHealth;
    @Option(names = "--admin-key-file", description = "file holding the server admin key (else env "
            + "DRIFTWATCH_ADMIN_KEY, else one is generated and printed once on the first start with --auth required)")
    String adminKeyFile;
    @Option(names = "--tls-cert", description = "PEM certificate chain (server certificate first); with --tls-key "
            + "the port serves HTTPS only")
    String tlsCert;
    @Option(names = "--tls-key", description = "PEM PKCS#8 private key (RSA or EC) of --tls-cert")
    String tlsKey;
    @Option(names = "--allow-outbound", paramLabel = "CIDR", description = "let alert webhooks and Slack hooks "
            + "reach this internal range (e.g. 127.0.0.1/32 or 10.0.0.0/8; repeatable; default: public addresses only)")
    List<String> allowOutbound;
    @Option(names = "--secret-key-file", description = "file (mode 0600) holding the base64 AES-256 key that "
            + "encrypts stored secrets (else env DRIFTWATCH_SECRET_KEY, else {data-dir}/secret.key, generated once)")
    String secretKeyFile;
    @Option(names = "--background-nice", defaultValue = "10", description = "Linux nice value of the pipeline "
            + "threads (stream processor, sample writer, controller) so that they yield the CPU to request "
            + "handling; 0 = same priority (default 10)")
    int backgroundNice;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The effective configuration: file, then the process environment, then options. */
    ServerConfig configuration() throws IOException {
        return configuration(System.getenv());
    }

    /** The effective configuration: file, then {@code env}'s {@code DRIFTWATCH_*} variables, then options. */
    ServerConfig configuration(Map<String, String> env) throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        if (config != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(config)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> props.put(k, p.getProperty(k).trim()));
        }
        props.putAll(EnvironmentConfig.properties(env));
        put(props, "port", port);
        put(props, "data-dir", dataDir);
        put(props, "base-period", basePeriod);
        put(props, "grace", grace);
        put(props, "flush-rows", flushRows);
        put(props, "flush-interval", flushInterval);
        put(props, "max-body-bytes", maxBodyBytes);
        put(props, "max-lag-records", maxLagRecords);
        put(props, "retention", retention);
        put(props, BackendKind.STREAM.key(), streamPath);
        put(props, BackendKind.TSDB.key(), tsdbConnection);
        put(props, BackendKind.ENDPOINT_STORE.key(), endpointStoreConnection);
        put(props, BackendKind.PARQUET.key(), parquetPath);
        put(props, BackendOptions.S3_ENDPOINT, s3Endpoint);
        put(props, BackendOptions.S3_CACHE_BYTES, s3CacheBytes);
        put(props, BackendOptions.KAFKA_PARTITIONS, kafkaPartitions);
        put(props, BackendOptions.KAFKA_REPLICATION_FACTOR, kafkaReplicationFactor);
        put(props, BackendOptions.HEALTH_INTERVAL, healthInterval);
        if (kafka != null) {
            kafka.forEach((k, v) -> props.put(k.startsWith(BackendOptions.KAFKA_PREFIX) ? k
                    : BackendOptions.KAFKA_PREFIX + k, v));
        }
        put(props, "bind", bind);
        put(props, "auth", auth);
        put(props, "insecure", insecure);
        put(props, "admin-key-file", adminKeyFile);
        put(props, "open-metrics", openMetrics);
        put(props, "closed-health", closedHealth);
        put(props, "tls-cert", tlsCert);
        put(props, "tls-key", tlsKey);
        put(props, "allow-outbound", allowOutbound == null ? null : String.join(",", allowOutbound));
        put(props, "secret-key-file", secretKeyFile);
        return ServerConfig.fromProperties(props);
    }

    private static String host(ServerConfig cfg) {
        String bind = cfg.security().bind();
        return "127.0.0.1".equals(bind) || "0.0.0.0".equals(bind) ? "localhost" : bind;
    }

    private static void put(Map<String, String> props, String key, Object value) {
        if (value != null) {
            props.put(key, value.toString());
        }
    }

    @Override
    public Integer call() throws Exception {
        ServerConfig cfg = configuration();
        BackgroundThreads.setNice(backgroundNice);
        Server server = Server.start(cfg);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "driftwatch-shutdown"));
        String scheme = cfg.security().tls() ? "https" : "http";
        spec.commandLine().getOut().println("driftwatch serving on " + scheme + "://" + host(cfg) + ":" + server.port()
                + " (data: " + cfg.dataDir().toAbsolutePath() + ")");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
