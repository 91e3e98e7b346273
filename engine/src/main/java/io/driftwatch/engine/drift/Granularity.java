package io.driftwatch.engine.drift;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The bucket of a drift series: a fixed length counted from the series' start ({@code hour}, {@code day},
 * {@code week}), or {@code window}: one point per stored cell (the analysis windows of the endpoint).
 */
public enum Granularity {
    HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7)), WINDOW(null);

    private final Duration length;

    Granularity(Duration length) {
        this.length = length;
    }

    /** The bucket length; empty for {@link #WINDOW}. */
    public Optional<Duration> length() {
        return Optional.ofNullable(length);
    }

    /** The wire name ({@code hour}, {@code day}, {@code week}, {@code window}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values when {@code text} is none of them */
    public static Granularity parse(String text) {
        return Arrays.stream(values()).filter(g -> g.wireName().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown granularity '" + text
                        + "': expected hour, day, week or window"));
    }
}
