package io.driftwatch;

import java.util.Locale;

/** Whether the controller analyses an endpoint's windows. */
public enum MonitoringMode {
    ENABLED,
    DISABLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MonitoringMode parse(String text) {
        for (MonitoringMode m : values()) {
            if (m.wireName().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown monitoring_mode '" + text + "' (expected enabled or disabled)");
    }
}
