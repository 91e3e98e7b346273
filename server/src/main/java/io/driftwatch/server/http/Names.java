package io.driftwatch.server.http;

/** Bounds on client-chosen names (model, function, endpoint uid): at most 253 characters, as a DNS name. */
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
}
