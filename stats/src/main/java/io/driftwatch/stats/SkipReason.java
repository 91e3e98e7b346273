package io.driftwatch.stats;

import java.util.Locale;

/** Why a feature has no window statistics or no drift measures. Skipping is reported, never an error. */
public enum SkipReason {
    /** The window has the column, the reference does not (MLRun drops such features too). */
    NOT_IN_REFERENCE,
    /** The reference has the feature, the window has no such column. */
    NOT_IN_WINDOW,
    /** Numeric in one, categorical in the other. */
    TYPE_MISMATCH,
    /** The reference has no values (count 0 or an empty histogram): no distribution to compare with. */
    EMPTY_REFERENCE,
    /** The window column has no values (all null/NaN): no distribution to compare. */
    NO_VALUES_IN_WINDOW,
    /** Pre-binned window statistics whose histogram does not have the reference's padded bins. */
    BINS_MISMATCH;

    /** The snake_case name used in JSON, e.g. {@code not_in_window}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
