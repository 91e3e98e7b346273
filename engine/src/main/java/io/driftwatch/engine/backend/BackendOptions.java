package io.driftwatch.engine.backend;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The adapter options of {@code driftwatch serve} besides the four backend URIs: each a flag, a {@code --config}
 * key and a {@code DRIFTWATCH_*} variable, handed to the providers through {@link BackendContext#options()}.
 * <ul>
 *   <li>{@value #S3_ENDPOINT}: the S3 endpoint override of an {@code s3://} {@code parquet-path}
 *       ({@code http://host:port}; default: the AWS endpoint of the region);</li>
 *   <li>{@value #S3_CACHE_BYTES}: the bound of the local copies of S3 sample objects the reads use (default 1 GiB;
 *       {@code 512m}, {@code 2g});</li>
 *   <li>{@value #KAFKA_PARTITIONS}: partitions of each topic created when monitoring is enabled (default 8);</li>
 *   <li>{@value #KAFKA_REPLICATION_FACTOR}: replication factor of those topics (default min(3, brokers));</li>
 *   <li>{@value #HEALTH_INTERVAL}: how often each backend's {@link HealthCheck} runs and the first retry delay of a
 *       backend that is down at start, doubling up to 60 s ({@code 500ms}, {@code 5s}, {@code 1m}; default 5 s);</li>
 *   <li>{@code kafka.*}: passed through to the Kafka clients without the prefix ({@code kafka.security.protocol=SASL_SSL}
 *       → {@code security.protocol}); values of keys naming a password, secret, token or JAAS config are masked
 *       when shown.</li>
 * </ul>
 */
public final class BackendOptions {
    /** S3 endpoint override. */
    public static final String S3_ENDPOINT = "s3-endpoint";
    /** The bound of the local copies of S3 sample objects, in bytes ({@code 512m}, {@code 2g} accepted). */
    public static final String S3_CACHE_BYTES = "s3-cache-bytes";
    /** Partitions per topic. */
    public static final String KAFKA_PARTITIONS = "kafka-partitions";
    /** Replication factor per topic. */
    public static final String KAFKA_REPLICATION_FACTOR = "kafka-replication-factor";
    /** How often each backend is probed, and the first retry delay of a backend that is down at start. */
    public static final String HEALTH_INTERVAL = "health-interval";
    /** The default {@value #HEALTH_INTERVAL}: 5 s. */
    public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(5);
    /** Prefix of the Kafka client keys passed through. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** The fixed option keys. */
    public static final Set<String> KEYS = Set.of(S3_ENDPOINT, S3_CACHE_BYTES, KAFKA_PARTITIONS,
            KAFKA_REPLICATION_FACTOR, HEALTH_INTERVAL);
    private static final Pattern BYTES = Pattern.compile("(\\d{1,15})([kmgKMG])?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|jaas|credential).*");
    private static final Pattern KAFKA_KEY = Pattern.compile("kafka\\.[a-z0-9]+(\\.[a-z0-9\\-]+)*");

    private BackendOptions() {
    }

    /** True for an option key: one of {@link #KEYS} or {@code kafka.} followed by a client key. */
    public static boolean isOption(String key) {
        return KEYS.contains(key) || key.startsWith(KAFKA_PREFIX);
    }

    /**
     * The value checked for its key.
     *
     * @throws IllegalArgumentException naming the key: a partition count or replication factor that is not a
     *                                  positive integer, an S3 endpoint that is not an http(s) URI with a host, a
     *                                  {@code kafka.} key that is not a client key (lower-case words and dots)
     */
    public static String validate(String key, String value) {
        String v = value == null ? "" : value.trim();
        switch (key) {
            case KAFKA_PARTITIONS, KAFKA_REPLICATION_FACTOR -> requirePositive(key, v);
            case S3_ENDPOINT -> requireHttp(v);
            case S3_CACHE_BYTES -> bytes(key, v);
            case HEALTH_INTERVAL -> duration(v);
            default -> {
                if (!KAFKA_KEY.matcher(key).matches()) {
                    throw new IllegalArgumentException("'" + key + "' is not a Kafka client key (kafka. followed by "
                            + "lower-case words and dots, e.g. kafka.security.protocol)");
                }
            }
        }
        return v;
    }

    /** The value as shown in logs and answers: {@code ***} for secret keys, URIs masked otherwise. */
    public static String shown(String key, String value) {
        return SECRET_KEY.matcher(key).matches() ? "***" : BackendUri.mask(value);
    }

    /** The {@value #HEALTH_INTERVAL} of {@code options}, or the default. */
    public static Duration healthInterval(Map<String, String> options) {
        String v = options.get(HEALTH_INTERVAL);
        return v == null ? DEFAULT_HEALTH_INTERVAL : duration(v);
    }

    /**
     * A size in bytes: digits, optionally followed by {@code k}, {@code m} or {@code g} (KiB, MiB, GiB).
     *
     * @throws IllegalArgumentException naming the key when it is not a positive size
     */
    public static long bytes(String key, String v) {
        Matcher m = BYTES.matcher(v.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(key + " must be a positive size in bytes such as 1073741824, 512m or "
                    + "2g, got '" + v + "'");
        }
        int shift = m.group(2) == null ? 0 : switch (Character.toLowerCase(m.group(2).charAt(0))) {
            case 'k' -> 10;
            case 'm' -> 20;
            default -> 30;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static Duration duration(String v) {
        Matcher m = DURATION.matcher(v);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(HEALTH_INTERVAL + " must be a positive duration such as 500ms, 5s or "
                    + "1m, got '" + v + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static void requirePositive(String key, String v) {
        try {
            if (Integer.parseInt(v) >= 1) {
                return;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(key + " must be a positive integer, got '" + v + "'");
    }

    private static void requireHttp(String v) {
        try {
            URI u = new URI(v);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(S3_ENDPOINT + " must be http://host:port or https://host, got '"
                + BackendUri.mask(v) + "'");
    }
}
