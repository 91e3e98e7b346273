package io.driftwatch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval {@code [start, end)} of event time. A row belongs to the window when
 * {@code start <= timestamp < end}.
 */
public record Window(Instant start, Instant end) {
    public Window {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " is not after start " + start);
        }
    }

    /** The window of the given length that starts at {@code start}. */
    public static Window of(Instant start, Duration length) {
        return new Window(start, start.plus(length));
    }

    /** Whether the instant lies in {@code [start, end)}. */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }
}
