package io.driftwatch.engine.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.engine.port.BasePeriod;
import java.time.Duration;

/** Durations in alert configs: {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}, ISO-8601, or a number of minutes. */
final class AlertDurations {
    private AlertDurations() {
    }

    /** Parses a positive duration (or zero when {@code zeroAllowed}), naming the field on failure. */
    static Duration parse(JsonNode node, String field, boolean zeroAllowed) {
        String text;
        if (node.isNumber()) {
            if (node.asDouble() == 0 && zeroAllowed) {
                return Duration.ZERO;
            }
            text = node.asText();
        } else if (node.isTextual()) {
            text = node.asText().trim();
            if (zeroAllowed && text.matches("0+(ms|s|m|h|d)?")) {
                return Duration.ZERO;
            }
        } else {
            throw new InvalidAlertException(field, "expected a duration such as \"10m\", got "
                    + AlertConfigJson.type(node));
        }
        try {
            return BasePeriod.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidAlertException(field, e.getMessage());
        }
    }

    /** The shortest of {@code 90s}, {@code 10m}, {@code 1h}, {@code 2d}, {@code 250ms} that is exact. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }
}
