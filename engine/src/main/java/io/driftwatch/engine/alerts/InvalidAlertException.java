package io.driftwatch.engine.alerts;

import java.io.Serial;

/** An alert config (or a reset/query) that breaks a rule; the message starts with the field, e.g. {@code criteria.count}. */
public final class InvalidAlertException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidAlertException(String field, String problem) {
        super("field '" + field + "': " + problem);
        this.field = field;
    }

    /** The dotted path of the offending field, e.g. {@code notifications[0].params.url}. */
    public String field() {
        return field;
    }
}
