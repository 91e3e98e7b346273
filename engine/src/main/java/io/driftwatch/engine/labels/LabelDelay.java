package io.driftwatch.engine.labels;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.port.BasePeriod;
import java.time.Duration;
import java.util.Map;

/**
 * How long after a prediction its ground-truth label may arrive (issue 20): the endpoint label {@value #LABEL}
 * ({@code 3d}, {@code 12h}, {@code PT12H}, or whole minutes), else {@link #DEFAULT} (7 days); an unreadable value
 * counts as the default. Labels of older predictions are refused (counted as unmatched) and their windows are not
 * analysed again.
 */
public final class LabelDelay {
    /** The endpoint label that sets the delay. */
    public static final String LABEL = "label_delay";
    /** The delay of an endpoint without the label. */
    public static final Duration DEFAULT = Duration.ofDays(7);

    private LabelDelay() {
    }

    /** The endpoint's label delay. */
    public static Duration of(ModelEndpoint ep) {
        Map<String, String> labels = ep.metadata().labels();
        String text = labels == null ? null : labels.get(LABEL);
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        try {
            return BasePeriod.parse(text);
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }
}
