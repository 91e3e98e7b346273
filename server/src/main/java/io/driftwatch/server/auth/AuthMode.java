package io.driftwatch.server.auth;

import java.util.Locale;

/** Whether requests must carry an access key ({@code --auth required|off}). */
public enum AuthMode {
    /** Every route but the open ones ({@code /metrics}, health on loopback) needs a key. */
    REQUIRED,
    /** No key is asked for: only allowed on a loopback address unless {@code --insecure}. */
    OFF;

    /** Parses {@code required} or {@code off} (case-insensitive). */
    public static AuthMode parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase(Locale.ROOT)) {
            case "required" -> REQUIRED;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("auth must be 'required' or 'off', got '" + s + "'");
        };
    }

    /** The option value, {@code required} or {@code off}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
