package io.driftwatch;

import java.util.Locale;

/** What a {@link Result} is about. Codes are MLRun's {@code ResultKindApp} values and go on the wire. */
public enum ResultKind {
    DATA_DRIFT(0),
    CONCEPT_DRIFT(1),
    MODEL_PERFORMANCE(2),
    SYSTEM_PERFORMANCE(3),
    MM_APP_ANOMALY(4);

    private final int code;

    ResultKind(int code) {
        this.code = code;
    }

    /** The integer code stored and sent on the wire. */
    public int code() {
        return code;
    }

    /** The snake_case name, e.g. {@code data_drift}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The prefix of alert event kinds, e.g. {@code data-drift} (as in {@code data-drift-detected}). */
    public String eventPrefix() {
        return wireName().replace('_', '-');
    }

    /** The kind with this code; an unknown code is an {@link IllegalArgumentException} naming it. */
    public static ResultKind ofCode(int code) {
        for (ResultKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown result kind code " + code + " (expected 0..4)");
    }

    /** The kind with this wire name ({@code data_drift}) or code ("0"). */
    public static ResultKind parse(String text) {
        for (ResultKind k : values()) {
            if (k.wireName().equals(text) || Integer.toString(k.code).equals(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown result kind '" + text + "'");
    }
}
