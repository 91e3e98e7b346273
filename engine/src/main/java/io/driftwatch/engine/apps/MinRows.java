package io.driftwatch.engine.apps;

import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The params of the built-in apps ({@link #number}) and "no verdict without evidence": their minimum window size. A window with fewer rows than
 * {@code min_rows} (app param; else the project's monitoring setting, merged in by the registry; else
 * {@value #DEFAULT}) gets one result of status {@code irrelevant} with the reason and the row count in its
 * extra_data, which fires no alert.
 */
final class MinRows {
    /** The app param (and project setting) name. */
    static final String PARAM = "min_rows";
    /** The default minimum window size. */
    static final int DEFAULT = 100;

    private MinRows() {
    }

    /**
     * The {@code min_rows} param of an app, {@value #DEFAULT} when absent.
     *
     * @throws IllegalArgumentException naming the app when it is not a positive integer
     */
    static int parse(String app, Map<String, String> params) {
        String v = params.get(PARAM);
        if (v == null || v.isBlank()) {
            return DEFAULT;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(app + " param min_rows='" + v + "' must be a positive integer");
    }

    /**
     * A numeric app param, {@code dflt} when absent or blank.
     *
     * @throws IllegalArgumentException naming the app and the param when it is not a number
     */
    static double number(String app, Map<String, String> params, String key, double dflt) {
        String v = params.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(app + " param " + key + "='" + v + "' is not a number", e);
        }
    }

    /** The irrelevant result named {@code result} when {@code rows < min}, else empty. */
    static Optional<Result> tooFew(String result, int rows, int min) {
        if (rows >= min) {
            return Optional.empty();
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("reason", "too few rows: " + rows + " < " + min);
        extra.put("rows", rows);
        extra.put(PARAM, min);
        return Optional.of(new Result(result, 0.0, ResultKind.DATA_DRIFT, ResultStatus.IRRELEVANT, extra));
    }
}
