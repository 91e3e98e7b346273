package io.driftwatch;

import java.util.regex.Pattern;

/** Validation of the names that appear in result and metric full names. */
public final class Names {
    private static final Pattern RESULT_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private Names() {
    }

    /**
     * Checks a result or metric name against {@code [a-zA-Z_][a-zA-Z0-9_]*}.
     *
     * @throws IllegalArgumentException naming the offending value
     */
    public static String requireResultName(String name) {
        if (name == null || !RESULT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "invalid result/metric name '" + name + "': must match [a-zA-Z_][a-zA-Z0-9_]*");
        }
        return name;
    }
}
