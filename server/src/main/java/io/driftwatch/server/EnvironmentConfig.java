package io.driftwatch.server;

import io.driftwatch.engine.backend.BackendOptions;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code DRIFTWATCH_*} environment variables as configuration keys of {@link ServerConfig#fromProperties}:
 * <ul>
 *   <li>{@code DRIFTWATCH_} + the key upper-cased with {@code -} → {@code _}: {@code DRIFTWATCH_STREAM_PATH} →
 *       {@code stream-path}, {@code DRIFTWATCH_S3_ENDPOINT} → {@code s3-endpoint}, every key of
 *       {@link ServerConfig#KEYS};</li>
 *   <li>{@code DRIFTWATCH_KAFKA__} + a Kafka client key upper-cased with {@code .} → {@code _}:
 *       {@code DRIFTWATCH_KAFKA__SECURITY_PROTOCOL} → {@code kafka.security.protocol};</li>
 *   <li>the variables that are no configuration key are ignored: {@link #OTHER_VARIABLES} (the admin and secret
 *       keys read by the server, the client's URL and access key, the launcher's JVM options, the Grafana key);</li>
 *   <li>any other {@code DRIFTWATCH_*} variable is an error naming it (a typo must not silently fall back to the
 *       embedded default). A blank value counts as unset.</li>
 * </ul>
 */
public final class EnvironmentConfig {
    /** The prefix of every variable. */
    public static final String PREFIX = "DRIFTWATCH_";
    /** The {@code DRIFTWATCH_*} variables that are not configuration keys, without the prefix. */
    public static final Set<String> OTHER_VARIABLES = Set.of("ADMIN_KEY", "SECRET_KEY", "URL", "ACCESS_KEY",
            "JAVA_OPTS", "GRAFANA_KEY");
    private static final String KAFKA = "KAFKA__";

    private EnvironmentConfig() {
    }

    /**
     * The configuration keys and values of {@code env}'s {@code DRIFTWATCH_*} variables.
     *
     * @throws IllegalArgumentException naming every variable that is neither a key nor one of {@link #OTHER_VARIABLES}
     */
    public static Map<String, String> properties(Map<String, String> env) {
        Map<String, String> props = new TreeMap<>();
        Set<String> unknown = new TreeSet<>();
        env.forEach((name, value) -> {
            if (!name.startsWith(PREFIX) || OTHER_VARIABLES.contains(name.substring(PREFIX.length()))) {
                return;
            }
            String key = key(name.substring(PREFIX.length()));
            if (key == null) {
                unknown.add(name);
            } else if (value != null && !value.isBlank()) {
                props.put(key, value.trim());
            }
        });
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown environment variable(s) " + unknown + ": no such config key; "
                    + "known: " + new TreeSet<>(ServerConfig.KEYS).stream().map(EnvironmentConfig::variable).toList()
                    + ", DRIFTWATCH_KAFKA__<CLIENT_KEY>, and (not config keys) "
                    + new TreeSet<>(OTHER_VARIABLES).stream().map(v -> PREFIX + v).toList());
        }
        return props;
    }

    /** The variable of a key: {@code stream-path} → {@code DRIFTWATCH_STREAM_PATH}. */
    public static String variable(String key) {
        if (key.startsWith(BackendOptions.KAFKA_PREFIX)) {
            return PREFIX + KAFKA + key.substring(BackendOptions.KAFKA_PREFIX.length()).replace('.', '_')
                    .toUpperCase(Locale.ROOT);
        }
        return PREFIX + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String key(String suffix) {
        if (suffix.startsWith(KAFKA) && suffix.length() > KAFKA.length()) {
            return BackendOptions.KAFKA_PREFIX + suffix.substring(KAFKA.length()).toLowerCase(Locale.ROOT)
                    .replace('_', '.');
        }
        String key = suffix.toLowerCase(Locale.ROOT).replace('_', '-');
        return ServerConfig.KEYS.contains(key) ? key : null;
    }
}
