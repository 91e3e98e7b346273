package io.driftwatch.server;

import io.driftwatch.engine.alerts.OutboundPolicy;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendOptions;
import io.driftwatch.engine.backend.BackendUris;
import io.driftwatch.server.auth.AuthMode;
import io.driftwatch.server.auth.SecretSettings;
import io.driftwatch.server.auth.SecuritySettings;
import io.driftwatch.server.http.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Settings of {@code driftwatch serve}: one process, one data directory, every role.
 *
 * @param port          REST port (0 = any free port, for tests); default 8080
 * @param dataDir       the data directory holding the log, the DuckDB files and the Parquet samples
 * @param basePeriod    default controller period for projects that enable monitoring without one (MLRun: 10 min)
 * @param flushRows     Parquet flush threshold in rows (default 10,000)
 * @param flushInterval Parquet flush interval (default 60 s)
 * @param grace         the controller's grace before a window counts as closed (default 60 s)
 * @param maxBodyBytes  largest accepted request body, after gzip decompression too (default 16 MiB)
 * @param maxLagRecords bound of the stream processor's lag before ingest answers 429 (default 1,000,000)
 * @param backends      the connection URIs of the stream, the stores and the Parquet path ({@link BackendKind}
 *                      keys {@code stream-path}, {@code tsdb-connection}, {@code endpoint-store-connection},
 *                      {@code parquet-path}; default: all embedded under the data directory) and the adapter
 *                      options ({@code s3-endpoint}, {@code kafka-partitions}, {@code kafka-replication-factor},
 *                      {@code kafka.*}; see {@link BackendOptions})
 * @param retention     how long raw rows (Parquet), time series, results, artifacts and alert activations are kept
 *                      before the hourly retention run deletes them (default 30 days)
 * @param security      the bind address, whether requests need an access key, the admin key file (keys
 *                      {@code bind}, {@code auth}, {@code insecure}, {@code admin-key-file}, {@code open-metrics}, {@code closed-health}, {@code tls-cert}, {@code tls-key};
 *                      default: loopback, auth off)
 * @param secrets       outbound destinations allowed to alerts and the key of stored secrets (keys
 *                      {@code allow-outbound}, comma-separated CIDR ranges, and {@code secret-key-file})
 */
public record ServerConfig(int port, Path dataDir, Duration basePeriod, int flushRows, Duration flushInterval,
                           Duration grace, long maxBodyBytes, long maxLagRecords, BackendUris backends,
                           Duration retention, SecuritySettings security, SecretSettings secrets) {
    /**
     * The keys accepted by {@link #fromProperties(Map)}, besides the {@code kafka.*} client keys
     * ({@link BackendOptions#isOption}).
     */
    public static final Set<String> KEYS = Set.of("port", "data-dir", "base-period", "flush-rows", "flush-interval",
            "grace", "max-body-bytes", "max-lag-records", "retention", BackendKind.STREAM.key(),
            BackendKind.TSDB.key(), BackendKind.ENDPOINT_STORE.key(), BackendKind.PARQUET.key(), "bind", "auth",
            "insecure", "admin-key-file", "open-metrics", "closed-health", "tls-cert", "tls-key", "allow-outbound",
            "secret-key-file", BackendOptions.S3_ENDPOINT, BackendOptions.S3_CACHE_BYTES, BackendOptions.KAFKA_PARTITIONS,
            BackendOptions.KAFKA_REPLICATION_FACTOR, BackendOptions.HEALTH_INTERVAL);

    /** The default {@code retention}: 30 days. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    public ServerConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(backends, "backends");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(secrets, "secrets");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        requirePositive("base-period", basePeriod);
        requirePositive("flush-interval", flushInterval);
        requirePositive("retention", retention);
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must be >= 0, got " + grace);
        }
        if (flushRows < 1 || maxBodyBytes < 1 || maxLagRecords < 1) {
            throw new IllegalArgumentException("flush-rows, max-body-bytes and max-lag-records must be >= 1");
        }
    }

    /** The defaults: port 8080, {@code ./driftwatch-data}, base period 10 min, flush 10,000 rows / 60 s. */
    public static ServerConfig defaults() {
        return new ServerConfig(8080, Path.of("driftwatch-data"), Duration.ofMinutes(10), 10_000,
                Duration.ofSeconds(60), Duration.ofSeconds(60), 16L << 20, 1_000_000, BackendUris.defaults(),
                DEFAULT_RETENTION, SecuritySettings.defaults(), SecretSettings.defaults());
    }

    /**
     * The defaults overridden by the given properties (keys of {@link #KEYS}; durations as {@code 10} minutes,
     * {@code 30s}, {@code 5m}, {@code 1h} or ISO {@code PT5M}).
     *
     * @throws IllegalArgumentException naming every unknown key, or the key whose value is invalid
     */
    public static ServerConfig fromProperties(Map<String, String> props) {
        Set<String> unknown = new TreeSet<>(props.keySet());
        unknown.removeAll(KEYS);
        unknown.removeIf(BackendOptions::isOption);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown config key(s) " + unknown + "; known keys: "
                    + new TreeSet<>(KEYS) + " and kafka.* (passed to the Kafka clients)");
        }
        ServerConfig c = defaults();
        try {
            return new ServerConfig(
                    intOr(props, "port", c.port),
                    props.containsKey("data-dir") ? Path.of(props.get("data-dir")) : c.dataDir,
                    props.containsKey("base-period") ? Durations.parse(props.get("base-period")) : c.basePeriod,
                    intOr(props, "flush-rows", c.flushRows),
                    props.containsKey("flush-interval") ? Durations.parse(props.get("flush-interval")) : c.flushInterval,
                    props.containsKey("grace") ? Durations.parse(props.get("grace")) : c.grace,
                    props.containsKey("max-body-bytes") ? Long.parseLong(props.get("max-body-bytes")) : c.maxBodyBytes,
                    props.containsKey("max-lag-records") ? Long.parseLong(props.get("max-lag-records")) : c.maxLagRecords,
                    backends(props),
                    props.containsKey("retention") ? parseRetention(props.get("retention")) : c.retention,
                    security(props), secrets(props));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid number in config: " + e.getMessage(), e);
        }
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(p, dataDir, basePeriod, flushRows, flushInterval, grace, maxBodyBytes,
                maxLagRecords, backends, retention, security, secrets);
    }

    public ServerConfig withDataDir(Path d) {
        return new ServerConfig(port, d, basePeriod, flushRows, flushInterval, grace, maxBodyBytes,
                maxLagRecords, backends, retention, security, secrets);
    }

    public ServerConfig withBasePeriod(Duration b) {
        return new ServerConfig(port, dataDir, b, flushRows, flushInterval, grace, maxBodyBytes,
                maxLagRecords, backends, retention, security, secrets);
    }

    public ServerConfig withFlush(int rows, Duration interval) {
        return new ServerConfig(port, dataDir, basePeriod, rows, interval, grace, maxBodyBytes,
                maxLagRecords, backends, retention, security, secrets);
    }

    public ServerConfig withGrace(Duration g) {
        return new ServerConfig(port, dataDir, basePeriod, flushRows, flushInterval, g, maxBodyBytes,
                maxLagRecords, backends, retention, security, secrets);
    }

    public ServerConfig withMaxBodyBytes(long bytes) {
        return new ServerConfig(port, dataDir, basePeriod, flushRows, flushInterval, grace, bytes,
                maxLagRecords, backends, retention, security, secrets);
    }

    public ServerConfig withMaxLagRecords(long records) {
        return new ServerConfig(port, dataDir, basePeriod, flushRows, flushInterval, grace, maxBodyBytes,
                records, backends, retention, security, secrets);
    }

    /** A copy with the backend {@code kind} set to {@code uri} (null or blank: the embedded default). */
    public ServerConfig withBackend(BackendKind kind, String uri) {
        return new ServerConfig(port, dataDir, basePeriod, flushRows, flushInterval, grace, maxBodyBytes, maxLagRecords,
                backends.with(kind, uri), retention, security, secrets);
    }

    /** A copy keeping raw rows, time series and results for {@code r}. */
    public ServerConfig withRetention(Duration r) {
        return new ServerConfig(port, dataDir, basePeriod, flushRows, flushInterval, grace, maxBodyBytes,
                maxLagRecords, backends, r, security, secrets);
    }

    /** A retention period: a bare number is days ({@code 30}), else {@code 12h}, {@code 7d} or ISO {@code P7D}. */
    public static Duration parseRetention(String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d+")) {
            return requirePositive("retention", Duration.ofDays(Long.parseLong(t)));
        }
        if (t.matches("(?i)p\\d+d")) {
            return requirePositive("retention", Duration.ofDays(Long.parseLong(t.substring(1, t.length() - 1))));
        }
        try {
            return Durations.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("retention: " + e.getMessage() + "; a bare number is days", e);
        }
    }

    /** A copy with other security settings. */
    public ServerConfig withSecurity(SecuritySettings s) {
        return new ServerConfig(port, dataDir, basePeriod, flushRows, flushInterval, grace, maxBodyBytes, maxLagRecords,
                backends, retention, s, secrets);
    }

    /** A copy with other outbound and secret-key settings. */
    public ServerConfig withSecrets(SecretSettings s) {
        return new ServerConfig(port, dataDir, basePeriod, flushRows, flushInterval, grace, maxBodyBytes, maxLagRecords,
                backends, retention, security, s);
    }

    private static SecretSettings secrets(Map<String, String> props) {
        String allow = props.getOrDefault("allow-outbound", "");
        List<String> cidrs = Arrays.stream(allow.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        OutboundPolicy.allowing(cidrs);
        String keyFile = props.get("secret-key-file");
        return new SecretSettings(cidrs, keyFile == null || keyFile.isBlank() ? null : Path.of(keyFile));
    }

    private static SecuritySettings security(Map<String, String> props) {
        SecuritySettings s = SecuritySettings.defaults();
        if (props.containsKey("bind")) {
            s = s.withBind(props.get("bind"));
        }
        if (props.containsKey("auth")) {
            s = s.withAuth(AuthMode.parse(props.get("auth")));
        }
        if (props.containsKey("insecure")) {
            s = s.withInsecure(bool("insecure", props.get("insecure")));
        }
        if (props.containsKey("open-metrics")) {
            s = s.withOpenMetrics(bool("open-metrics", props.get("open-metrics")));
        }
        if (props.containsKey("admin-key-file")) {
            s = s.withAdminKeyFile(Path.of(props.get("admin-key-file")));
        }
        if (props.containsKey("closed-health")) {
            s = s.withClosedHealth(bool("closed-health", props.get("closed-health")));
        }
        return s.withTls(pathOrNull(props.get("tls-cert")), pathOrNull(props.get("tls-key")));
    }

    private static Path pathOrNull(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.trim());
    }

    private static boolean bool(String key, String value) {
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
        };
    }

    private static BackendUris backends(Map<String, String> props) {
        BackendUris b = BackendUris.defaults();
        for (BackendKind kind : BackendKind.values()) {
            b = b.with(kind, props.get(kind.key()));
        }
        for (var e : new TreeMap<>(props).entrySet()) {
            if (BackendOptions.isOption(e.getKey())) {
                b = b.withOption(e.getKey(), e.getValue());
            }
        }
        return b;
    }

    private static int intOr(Map<String, String> props, String key, int dflt) {
        return props.containsKey(key) ? Integer.parseInt(props.get(key)) : dflt;
    }

    private static Duration requirePositive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
        return d;
    }
}
