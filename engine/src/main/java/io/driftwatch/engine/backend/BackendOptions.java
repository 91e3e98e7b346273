package io.driftwatch.engine.backend;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The adapter options of {@code driftwatch serve} besides the four backend URIs: each a flag, a {@code --config}
 * key and a {@code DRIFTWATCH_*} variable, handed to the providers through {@link BackendContext#options()}.
 * <ul>
 *   <li>{@value #S3_ENDPOINT}: the S3 endpoint override of an {@code s3://} {@code parquet-path}
 *       ({@code http://host:port}; default: the AWS endpoint of the region);</li>
 *   <li>{@value #KAFKA_PARTITIONS}: partitions of each topic created when monitoring is enabled (default 8);</li>
 *   <li>{@value #KAFKA_REPLICATION_FACTOR}: replication factor of those topics (default min(3, brokers));</li>
 *   <li>{@code kafka.*}: passed through to the Kafka clients without the prefix ({@code kafka.security.protocol=SASL_SSL}
 *       → {@code security.protocol}); values of keys naming a password, secret, token or JAAS config are masked
 *       when shown.</li>
 * </ul>
 */
public final class BackendOptions {
    /** S3 endpoint override. */
    public static final String S3_ENDPOINT = "s3-endpoint";
    /** Partitions per topic. */
    public static final String KAFKA_PARTITIONS = "kafka-partitions";
    /** Replication factor per topic. */
    public static final String KAFKA_REPLICATION_FACTOR = "kafka-replication-factor";
    /** Prefix of the Kafka client keys passed through. */
    public static final String KAFKA_PREFIX = "kafka.";
    /** The fixed option keys. */
    public static final Set<String> KEYS = Set.of(S3_ENDPOINT, KAFKA_PARTITIONS, KAFKA_REPLICATION_FACTOR);
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
