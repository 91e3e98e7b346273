package io.driftwatch.engine.backend;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The four backend settings as given (flag, environment or file); an absent one is the embedded default. Plus the
 * adapter options ({@link BackendOptions}: {@code s3-endpoint}, {@code kafka-partitions},
 * {@code kafka-replication-factor}, {@code kafka.*}) that reach the providers through {@link BackendContext#options()}.
 * {@link #toString()} masks passwords and secret option values.
 */
public final class BackendUris {
    private static final BackendUris DEFAULTS = new BackendUris(new EnumMap<>(BackendKind.class), new TreeMap<>());
    private final Map<BackendKind, String> values;
    private final SortedMap<String, String> options;

    private BackendUris(Map<BackendKind, String> values, SortedMap<String, String> options) {
        this.values = values;
        this.options = options;
    }

    /** Every backend embedded. */
    public static BackendUris defaults() {
        return DEFAULTS;
    }

    /** A copy with {@code kind} set to {@code value} (null or blank: back to the embedded default). */
    public BackendUris with(BackendKind kind, String value) {
        Map<BackendKind, String> copy = new EnumMap<>(BackendKind.class);
        copy.putAll(values);
        if (value == null || value.isBlank()) {
            copy.remove(Objects.requireNonNull(kind, "kind"));
        } else {
            copy.put(kind, value.trim());
        }
        return new BackendUris(copy, options);
    }

    /**
     * A copy with the adapter option {@code key} set to {@code value} (null or blank: unset).
     *
     * @throws IllegalArgumentException naming the key when it is no option or its value is invalid
     */
    public BackendUris withOption(String key, String value) {
        if (!BackendOptions.isOption(key)) {
            throw new IllegalArgumentException("'" + key + "' is not an adapter option; known: "
                    + BackendOptions.KEYS + " and kafka.*");
        }
        SortedMap<String, String> copy = new TreeMap<>(options);
        if (value == null || value.isBlank()) {
            copy.remove(key);
        } else {
            copy.put(key, BackendOptions.validate(key, value));
        }
        return new BackendUris(values, copy);
    }

    /** The adapter options, sorted by key (values unmasked: for providers, never for messages). */
    public Map<String, String> options() {
        return Collections.unmodifiableSortedMap(options);
    }

    /** The raw setting, or null when it is the embedded default. */
    public String raw(BackendKind kind) {
        return values.get(kind);
    }

    /** The parsed setting. */
    public BackendUri uri(BackendKind kind) {
        return BackendUri.parse(values.get(kind));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendUris b && b.values.equals(values) && b.options.equals(options);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + options.hashCode();
    }

    /** The settings and options, passwords and secret option values masked. */
    @Override
    public String toString() {
        return Stream.concat(
                values.entrySet().stream().map(e -> e.getKey().key() + "=" + BackendUri.mask(e.getValue())),
                options.entrySet().stream().map(e -> e.getKey() + "=" + BackendOptions.shown(e.getKey(), e.getValue())))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
