package io.driftwatch.engine.port;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the controller's {@code base_period}: whole minutes as in MLRun ({@code 10}), or a duration for tests and
 * near-real-time use: a number with a unit {@code ms|s|m|h|d} ({@code 30s}, {@code 5m}) or ISO-8601 ({@code PT5M}).
 */
public final class BasePeriod {
    /** MLRun's default base period: 10 minutes. */
    public static final Duration DEFAULT = Duration.ofMinutes(10);
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private BasePeriod() {
    }

    /**
     * The period denoted by {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is blank, malformed, zero or negative
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("base_period is empty: expected minutes (10) or a duration (30s, PT5M)");
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        if (t.chars().allMatch(Character::isDigit)) {
            d = Duration.ofMinutes(parseLong(t, text));
        } else if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("base_period '" + text + "' is not an ISO-8601 duration", e);
            }
        } else {
            d = parseWithUnit(t, text);
        }
        return requirePositive(d, text);
    }

    /** The period of {@code minutes} whole minutes (MLRun's integer form). */
    public static Duration ofMinutes(long minutes) {
        return requirePositive(Duration.ofMinutes(minutes), Long.toString(minutes));
    }

    private static Duration parseWithUnit(String t, String original) {
        Matcher m = WITH_UNIT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("base_period '" + original
                    + "' is not minutes (10), a number with unit ms|s|m|h|d (30s) or an ISO-8601 duration (PT5M)");
        }
        long n = parseLong(m.group(1), original);
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static long parseLong(String digits, String original) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("base_period '" + original + "' is out of range", e);
        }
    }

    private static Duration requirePositive(Duration d, String original) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("base_period '" + original + "' must be positive");
        }
        return d;
    }
}
