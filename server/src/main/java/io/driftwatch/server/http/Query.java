package io.driftwatch.server.http;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Query-parameter parsing that answers 400 naming the parameter and the bad value. */
public final class Query {
    private static final Instant MIN_TIME = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private Query() {
    }

    /** 400 naming every query parameter not in {@code allowed}. */
    public static void allow(Context ctx, String... allowed) {
        Set<String> unknown = new TreeSet<>(ctx.queryParamMap().keySet());
        unknown.removeAll(Arrays.asList(allowed));
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown query parameter(s) " + unknown + " for " + ctx.method() + " "
                    + ctx.path() + "; accepted: " + new TreeSet<>(Arrays.asList(allowed)));
        }
    }

    /** A boolean parameter ({@code true|false}, default when absent). */
    public static boolean bool(Context ctx, String name, boolean dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest("query parameter '" + name + "' must be true or false, got '" + v + "'");
        };
    }

    /** One of the given values (default when absent). */
    public static String oneOf(Context ctx, String name, String dflt, List<String> values) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        if (!values.contains(v)) {
            throw ApiException.badRequest("query parameter '" + name + "' must be one of " + values + ", got '" + v + "'");
        }
        return v;
    }

    /**
     * A time: ISO-8601 instant or date-time with offset, epoch milliseconds, {@code now} or {@code now-<duration>}
     * ({@code now-1h}, {@code now-30m}, {@code now-1d}); null when absent.
     */
    public static Instant time(Context ctx, String name, Instant now) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        return parseTime(name, v, now);
    }

    /**
     * Parses a time parameter value (as {@link #time}); a 400 naming {@code name} if it is not a time, or if it lies
     * outside the years 0000-9999 (an overflowing {@code now-99999999999d} or epoch number is refused, not a 500).
     */
    public static Instant parseTime(String name, String v, Instant now) {
        Instant t;
        try {
            t = parse(v, now);
        } catch (DateTimeException | ArithmeticException | IllegalArgumentException e) {
            throw ApiException.badRequest("query parameter '" + name + "' is not a time: '" + clip(v)
                    + "' (expected ISO-8601 such as 2026-01-01T00:00:00Z, epoch milliseconds, now or now-1h)");
        }
        if (t.isBefore(MIN_TIME) || t.isAfter(MAX_TIME)) {
            throw ApiException.badRequest("query parameter '" + name + "' is out of range: '" + clip(v)
                    + "' (times must lie within the years 0000 to 9999)");
        }
        return t;
    }

    private static Instant parse(String v, Instant now) {
        if (v.equals("now")) {
            return now;
        }
        if (v.startsWith("now-")) {
            return now.minus(duration(v.substring(4)));
        }
        if (v.matches("\\d{10,}")) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        if (v.endsWith("Z") || v.endsWith("z")) {
            return Instant.parse(v.toUpperCase(Locale.ROOT));
        }
        return OffsetDateTime.parse(v.replace(' ', 'T')).toInstant();
    }

    /** A value for an error message: at most 100 characters. */
    public static String clip(String v) {
        return v.length() <= 100 ? v : v.substring(0, 100) + "...";
    }

    private static Duration duration(String text) {
        return Durations.parse(text);
    }
}
