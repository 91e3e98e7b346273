package io.driftwatch.serving;

/**
 * A serving function's tracking setting (MLRun's {@code fn.set_tracking(enable_tracking, sample)}).
 *
 * @param enabled    whether requests produce tracking events
 * @param sampleRate the share of successful requests tracked, in (0, 1]; error events are always tracked (as MLRun)
 */
public record TrackingSpec(boolean enabled, double sampleRate) {
    public TrackingSpec {
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new ServingException(400, "sampling rate must be in (0, 1], got " + sampleRate);
        }
    }

    /** Tracking on, every request. */
    public static TrackingSpec all() {
        return new TrackingSpec(true, 1.0);
    }

    /** Tracking off. */
    public static TrackingSpec off() {
        return new TrackingSpec(false, 1.0);
    }
}
