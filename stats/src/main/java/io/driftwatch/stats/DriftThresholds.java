package io.driftwatch.stats;

import io.driftwatch.ResultStatus;

/**
 * Thresholds of the general-drift classifier (MLRun's defaults: potential 0.5, detected 0.7).
 *
 * @param potential a value ≥ this is {@link ResultStatus#POTENTIAL_DETECTION}
 * @param detected  a value ≥ this is {@link ResultStatus#DETECTED}; must satisfy 0 &lt; potential &lt; detected &lt; 1
 */
public record DriftThresholds(double potential, double detected) {
    public static final DriftThresholds DEFAULT = new DriftThresholds(0.5, 0.7);

    public DriftThresholds {
        if (!(0 < potential && potential < detected && detected < 1)) {
            throw new IllegalArgumentException("drift thresholds must satisfy 0 < potential < detected < 1, got potential="
                    + potential + ", detected=" + detected);
        }
    }

    /**
     * The status of a drift value in [0, 1]: ≥ detected → 2, ≥ potential → 1, else 0.
     *
     * @throws IllegalArgumentException if the value is NaN or outside [0, 1]
     */
    public ResultStatus classify(double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("drift value must be in [0, 1], got " + value);
        }
        if (value >= detected) {
            return ResultStatus.DETECTED;
        }
        return value >= potential ? ResultStatus.POTENTIAL_DETECTION : ResultStatus.NO_DETECTION;
    }
}
