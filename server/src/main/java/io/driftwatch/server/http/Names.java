package io.driftwatch.server.http;

/**
 * Bounds on client-chosen names (model, function, endpoint uid, alert, endpoint label keys and values, feature and
 * label names, application names): at most 253 characters, as a DNS name.
 */
public final class Names {
    /** The longest accepted name. */
    public static final int MAX = 253;

    private Names() {
    }

    /** 400 naming {@code field} when {@code value} is longer than {@link #MAX}; null passes. */
    public static String requireShort(String field, String value) {
        if (value != null && value.length() > MAX) {
            throw ApiException.badRequest("'" + field + "' is " + value.length() + " characters long; names have at most "
                    + MAX);
        }
        return value;
    }

    /** 400 naming {@code field}[i] when one of {@code values} is longer than {@link #MAX}. */
    public static void requireShort(String field, java.util.List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            requireShort(field + "[" + i + "]", values.get(i));
        }
    }

    /** 400 naming {@code field}.key when a key or a value of {@code labels} is longer than {@link #MAX}. */
    public static void requireShort(String field, java.util.Map<String, String> labels) {
        for (var e : labels.entrySet()) {
            requireShort(field + " key", e.getKey());
            requireShort(field + "." + (e.getKey().length() > MAX ? "" : e.getKey()), e.getValue());
        }
    }
}
