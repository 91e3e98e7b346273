package io.driftwatch.server.http;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses durations as MLRun's {@code base_period} (a bare number = minutes), {@code 30s|5m|1h|2d} or ISO-8601. */
public final class Durations {
    /** The longest accepted duration (~274 years): larger values overflow time arithmetic downstream. */
    public static final Duration MAX = Duration.ofDays(100_000);

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a positive duration or exceeds {@link #MAX}
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        try {
            if (t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.matches("\\d+(\\.\\d+)?")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(t) * 60_000));
            } else if (t.matches("\\d+(ms|s|m|h|d)")) {
                d = unit(t);
            } else {
                throw new IllegalArgumentException("invalid duration '" + text
                        + "' (expected minutes such as 10, or 30s, 5m, 1h, 1d, PT5M)");
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "': " + e.getMessage(), e);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too large", e);
        }
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("duration '" + text + "' is too large (at most 100000 days)");
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("duration '" + text + "' must be positive");
        }
        return d;
    }

    private static Duration unit(String t) {
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
