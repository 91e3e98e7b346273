package io.driftwatch.engine.backend;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The four backend settings as given (flag, environment or file); an absent one is the embedded default.
 * {@link #toString()} masks passwords.
 */
public final class BackendUris {
    private static final BackendUris DEFAULTS = new BackendUris(new EnumMap<>(BackendKind.class));
    private final Map<BackendKind, String> values;

    private BackendUris(Map<BackendKind, String> values) {
        this.values = values;
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
        return new BackendUris(copy);
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
        return o instanceof BackendUris b && b.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey().key() + "=" + BackendUri.mask(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
