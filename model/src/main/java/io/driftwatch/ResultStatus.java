package io.driftwatch;

import java.util.Locale;

/** The verdict of a {@link Result}. Codes are MLRun's {@code ResultStatusApp} values. */
public enum ResultStatus {
    IRRELEVANT(-1),
    NO_DETECTION(0),
    POTENTIAL_DETECTION(1),
    DETECTED(2);

    private final int code;

    ResultStatus(int code) {
        this.code = code;
    }

    /** The integer code stored and sent on the wire. */
    public int code() {
        return code;
    }

    /** The snake_case name, e.g. {@code potential_detection}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this code; an unknown code is an {@link IllegalArgumentException} naming it. */
    public static ResultStatus ofCode(int code) {
        for (ResultStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown result status code " + code + " (expected -1..2)");
    }
}
