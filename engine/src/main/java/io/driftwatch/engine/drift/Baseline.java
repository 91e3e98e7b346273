package io.driftwatch.engine.drift;

import io.driftwatch.Window;
import java.util.Objects;
import java.util.Optional;

/**
 * What a range is compared with: the endpoint's {@code reference} ({@code feature_stats}), the {@code previous}
 * range (the one of equal length that ends where the range starts) or an explicit {@code range}.
 *
 * @param range the explicit range; null for the other kinds
 */
public record Baseline(Kind kind, Window range) {
    /** The kinds of baseline. */
    public enum Kind { REFERENCE, PREVIOUS, RANGE }

    public static final Baseline REFERENCE = new Baseline(Kind.REFERENCE, null);
    public static final Baseline PREVIOUS = new Baseline(Kind.PREVIOUS, null);

    public Baseline {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.RANGE) != (range != null)) {
            throw new IllegalArgumentException("a baseline range is given exactly for the kind RANGE");
        }
    }

    /** An explicit baseline range. */
    public static Baseline of(Window range) {
        return new Baseline(Kind.RANGE, Objects.requireNonNull(range, "range"));
    }

    /** The rows' range this baseline stands for when compared with {@code current}; empty for the reference. */
    public Optional<Window> rangeFor(Window current) {
        return switch (kind) {
            case REFERENCE -> Optional.empty();
            case PREVIOUS -> Optional.of(new Window(current.start().minus(current.length()), current.start()));
            case RANGE -> Optional.of(range);
        };
    }

    /** {@code reference}, {@code previous} or {@code <start>/<end>} (ISO-8601). */
    public String wireName() {
        return kind == Kind.RANGE ? range.start() + "/" + range.end() : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
