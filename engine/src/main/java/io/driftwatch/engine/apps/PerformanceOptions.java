package io.driftwatch.engine.apps;

import io.driftwatch.stats.drift.DriftTests;
import io.driftwatch.stats.performance.Metrics;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The params of {@link ModelPerformanceApp}, parsed and checked once (every problem is an
 * {@link IllegalArgumentException} naming the param). Names and defaults are listed in the app's Javadoc and in
 * docs/performance.md.
 */
record PerformanceOptions(Task task, String labelColumn, String predictionColumn, Map<String, String> probabilities,
                          String referenceLabelColumn, String referencePath, Map<String, Double> referenceValues,
                          double suspectedDrop, double detectedDrop, boolean calibrate, double bandSigmas,
                          int minRows, double ksAlpha, double chiSquareAlpha, double psiPotential,
                          double psiDetected) {
    static final String APP = ModelPerformanceApp.NAME;
    /** The metrics a {@code reference_<metric>} param may set. */
    static final List<String> METRICS = List.of(Metrics.ACCURACY, Metrics.PRECISION_MACRO, Metrics.RECALL_MACRO,
            Metrics.F1_MACRO, Metrics.F1_WEIGHTED, Metrics.LOG_LOSS, Metrics.ROC_AUC, Metrics.MAE, Metrics.RMSE,
            Metrics.MAPE, Metrics.R2);

    /** What the model predicts. */
    enum Task { AUTO, CLASSIFICATION, REGRESSION }

    PerformanceOptions {
        probabilities = Collections.unmodifiableMap(new LinkedHashMap<>(probabilities));
        referenceValues = Collections.unmodifiableMap(new LinkedHashMap<>(referenceValues));
    }

    static PerformanceOptions parse(Map<String, String> params) {
        double suspected = MinRows.number(APP, params, "suspected_drop", 0.05);
        double detected = MinRows.number(APP, params, "detected_drop", 0.10);
        if (!(suspected > 0 && suspected <= detected)) {
            throw new IllegalArgumentException(APP + " params need 0 < suspected_drop <= detected_drop, got "
                    + suspected + " and " + detected);
        }
        double sigmas = MinRows.number(APP, params, "band_sigmas", 3);
        if (!(sigmas > 0)) {
            throw new IllegalArgumentException(APP + " param band_sigmas=" + sigmas + " must be > 0");
        }
        return new PerformanceOptions(task(params.get("task")), text(params, "label_column", "y_true"),
                text(params, "prediction_column", null), probabilities(params.get("probability_columns")),
                text(params, "reference_label_column", null), text(params, "reference_path", null),
                referenceValues(params), suspected, detected, calibration(params.get("calibration")), sigmas,
                MinRows.parse(APP, params), MinRows.number(APP, params, "ks_alpha", DriftTests.DEFAULT_ALPHA),
                MinRows.number(APP, params, "chi_square_alpha", DriftTests.DEFAULT_ALPHA),
                MinRows.number(APP, params, "psi_potential", DriftTests.DEFAULT_PSI_POTENTIAL),
                MinRows.number(APP, params, "psi_detected", DriftTests.DEFAULT_PSI_DETECTED));
    }

    private static String text(Map<String, String> params, String key, String dflt) {
        String v = params.get(key);
        return v == null || v.isBlank() ? dflt : v.strip();
    }

    private static Task task(String v) {
        if (v == null || v.isBlank()) {
            return Task.AUTO;
        }
        try {
            return Task.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(APP + " param task='" + v
                    + "' must be auto, classification or regression", e);
        }
    }

    private static boolean calibration(String v) {
        if (v == null || v.isBlank() || v.strip().equals("isotonic")) {
            return true;
        }
        if (v.strip().equals("none")) {
            return false;
        }
        throw new IllegalArgumentException(APP + " param calibration='" + v + "' must be isotonic or none");
    }

    /** {@code class:column,…}, or {@code column,…} (class = the column's position 0, 1, …); class → column. */
    static Map<String, String> probabilities(String v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isBlank()) {
            return out;
        }
        String[] parts = v.split(",");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            int colon = p.lastIndexOf(':');
            String cls = colon < 0 ? Integer.toString(i) : p.substring(0, colon).strip();
            String col = colon < 0 ? p : p.substring(colon + 1).strip();
            if (cls.isEmpty() || col.isEmpty() || out.put(cls, col) != null) {
                throw new IllegalArgumentException(APP + " param probability_columns='" + v
                        + "': expected class:column,... (or column,...) with distinct classes");
            }
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException(APP + " param probability_columns='" + v
                    + "' needs a column per class (at least two)");
        }
        return out;
    }

    private static Map<String, Double> referenceValues(Map<String, String> params) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String m : METRICS) {
            double v = MinRows.number(APP, params, "reference_" + m, Double.NaN);
            if (!Double.isNaN(v)) {
                out.put(m, v);
            }
        }
        return out;
    }
}
