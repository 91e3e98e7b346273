package io.driftwatch.server.http;

import java.util.regex.Pattern;

/**
 * Validation of client-chosen names that become parts of paths, file names or URLs (endpoint uids, application
 * names, jar and artifact names): a letter or digit first, then letters, digits, {@code .}, {@code _} or {@code -},
 * at most 253 characters, never {@code ..}; so no name can climb out of its folder ({@code /}, {@code \}, {@code ..})
 * or smuggle markup. A bad name is a 400 naming the field.
 */
public final class SafeNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private SafeNames() {
    }

    /** Whether {@code value} is a safe name. */
    public static boolean valid(String value) {
        return value != null && NAME.matcher(value).matches() && !value.contains("..");
    }

    /** Returns {@code value}, or throws a 400 naming {@code field} when it is not a safe name. */
    public static String require(String field, String value) {
        if (!valid(value)) {
            throw ApiException.badRequest("invalid " + field + " '" + shorten(value) + "': expected 1 to 253 letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit, without '..', '/' or '\\'");
        }
        return value;
    }

    private static String shorten(String v) {
        if (v == null) {
            return "null";
        }
        String s = v.replaceAll("\\p{Cntrl}", "?");
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
