package io.driftwatch.stats;

import io.driftwatch.ResultStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriftThresholdsTest {
    @ParameterizedTest
    @CsvSource({"0.4,0.2", "0,0.5", "0.7,1", "-1,2", "0.5,0.5", "NaN,0.7"})
    void invalidPairsAreRejected(double potential, double detected) {
        assertThatThrownBy(() -> new DriftThresholds(potential, detected))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 < potential < detected < 1");
    }

    @ParameterizedTest
    @CsvSource({"0,0", "0.2,0", "0.5,1", "0.6,1", "0.71,2", "1,2", "0.7,2", "0.4999999,0"})
    void classifierPins(double value, int code) {
        assertThat(DriftThresholds.DEFAULT.classify(value)).isEqualTo(ResultStatus.ofCode(code));
    }

    @ParameterizedTest
    @CsvSource({"-0.01", "1.01", "NaN"})
    void valuesOutsideUnitIntervalAreRejected(double value) {
        assertThatThrownBy(() -> DriftThresholds.DEFAULT.classify(value))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1]");
    }
}
