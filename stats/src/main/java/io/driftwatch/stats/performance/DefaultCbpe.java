package io.driftwatch.stats.performance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The {@link Cbpe} implementation: calibrations, the reference as class indices and raw probabilities. */
final class DefaultCbpe implements Cbpe {
    private final List<String> classes;
    private final Map<String, Integer> index;
    private final Calibration[] calibrations;
    private final int[] refTrue;
    private final int[] refPred;
    private final double[][] refProba;
    private final Options options;
    private final Map<String, Double> referenceMetrics;

    private DefaultCbpe(List<String> classes, Calibration[] calibrations, int[] refTrue, int[] refPred,
                        double[][] refProba, Options options, Map<String, Double> referenceMetrics) {
        this.classes = List.copyOf(classes);
        this.index = ClassificationMetrics.index(classes);
        this.calibrations = calibrations;
        this.refTrue = refTrue;
        this.refPred = refPred;
        this.refProba = refProba;
        this.options = options;
        this.referenceMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(referenceMetrics));
    }

    static Cbpe fit(List<String> yTrue, List<String> yPred, double[][] proba, List<String> classes, Options options) {
        if (classes.size() < 2) {
            throw new IllegalArgumentException("CBPE needs at least two classes, got " + classes);
        }
        if (yTrue.isEmpty()) {
            throw new IllegalArgumentException("CBPE needs labelled reference rows, got none");
        }
        ClassificationReport ref = ClassificationMetrics.evaluate(yTrue, yPred, proba, classes);
        double[][] onehot = ClassificationMetrics.oneHot(yTrue, classes);
        if (onehot == null || Double.isNaN(ref.logLoss())) {
            throw new IllegalArgumentException("every reference label must be one of the probability classes "
                    + classes + " and every probability finite");
        }
        Map<String, Integer> index = ClassificationMetrics.index(classes);
        int[] t = new int[yTrue.size()];
        int[] p = new int[yTrue.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = index.get(yTrue.get(i));
            Integer k = index.get(yPred.get(i));
            if (k == null) {
                throw new IllegalArgumentException("reference prediction '" + yPred.get(i) + "' is not one of " + classes);
            }
            p[i] = k;
        }
        Calibration[] cal = new Calibration[classes.size()];
        for (int k = 0; k < cal.length; k++) {
            cal[k] = options.calibrate() ? Calibration.isotonic(RocAuc.column(proba, k), RocAuc.column(onehot, k))
                    : Calibration.identity();
        }
        Map<String, Double> metrics = new LinkedHashMap<>(ref.byName());
        return new DefaultCbpe(classes, cal, t, p, proba, options, metrics);
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public Map<String, Double> referenceMetrics() {
        return referenceMetrics;
    }

    @Override
    public double[] calibrate(double[] proba) {
        int n = classes.size();
        double[] c = new double[n];
        if (n == 2) {
            c[1] = calibrations[1].apply(proba[1]);
            c[0] = 1 - c[1];
            return c;
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            c[k] = calibrations[k].apply(proba[k]);
            sum += c[k];
        }
        for (int k = 0; k < n; k++) {
            c[k] = sum > 0 ? c[k] / sum : 1.0 / n;
        }
        return c;
    }

    @Override
    public Estimate estimate(List<String> yPred, double[][] proba) {
        List<Integer> usable = new ArrayList<>();
        for (int i = 0; i < yPred.size(); i++) {
            Integer k = yPred.get(i) == null ? null : index.get(yPred.get(i));
            if (k != null && proba[i] != null && proba[i].length == classes.size() && finite(proba[i])) {
                usable.add(i);
            }
        }
        int n = usable.size();
        double[][] raw = new double[n][];
        double[][] cal = new double[n][];
        double[][] expected = new double[classes.size()][classes.size()];
        for (int j = 0; j < n; j++) {
            int i = usable.get(j);
            raw[j] = proba[i];
            cal[j] = calibrate(proba[i]);
            int p = index.get(yPred.get(i));
            for (int t = 0; t < classes.size(); t++) {
                expected[t][p] += cal[j][t];
            }
        }
        ConfusionMatrix cm = new ConfusionMatrix(classes, expected);
        return new Estimate(n, n == 0 ? Map.of() : banded(metrics(present(cm), raw, cal), n), cm);
    }

    /** Each defined metric with its sampling error and band at window size n. */
    private Map<String, Estimated> banded(Map<String, Double> values, int n) {
        Map<String, Double> sigma = samplingErrors(n);
        Map<String, Estimated> out = new LinkedHashMap<>();
        values.forEach((name, v) -> {
            if (!Double.isNaN(v)) {
                double s = sigma.getOrDefault(name, Double.NaN);
                double h = options.bandSigmas() * s;
                out.put(name, new Estimated(v, s, Math.max(0, v - h), Math.min(1, v + h)));
            }
        });
        return out;
    }

    /** The metrics of a (realized or expected) matrix plus the AUC of scores weighted as positives. */
    private Map<String, Double> metrics(ConfusionMatrix cm, double[][] scores, double[][] positives) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metrics.ACCURACY, cm.accuracy());
        m.put(Metrics.PRECISION_MACRO, cm.precisionMacro());
        m.put(Metrics.RECALL_MACRO, cm.recallMacro());
        m.put(Metrics.F1_MACRO, cm.f1Macro());
        m.put(Metrics.F1_WEIGHTED, cm.f1Weighted());
        m.put(Metrics.ROC_AUC, RocAuc.ovr(scores, positives, classes.size()));
        return m;
    }

    /** σ of each metric at window size n: bootstrap on the reference, seeded by n (see {@link Cbpe}). */
    private Map<String, Double> samplingErrors(int n) {
        int m = Math.min(n, options.maxDrawSize());
        SplittableRandom rnd = new SplittableRandom(0x5EEDL ^ n);
        Map<String, List<Double>> draws = new LinkedHashMap<>();
        for (int d = 0; d < options.draws(); d++) {
            double[][] counts = new double[classes.size()][classes.size()];
            double[][] scores = new double[m][];
            double[][] onehot = new double[m][classes.size()];
            for (int j = 0; j < m; j++) {
                int r = rnd.nextInt(refTrue.length);
                counts[refTrue[r]][refPred[r]]++;
                scores[j] = refProba[r];
                onehot[j][refTrue[r]] = 1;
            }
            metrics(present(new ConfusionMatrix(classes, counts)), scores, onehot)
                    .forEach((k, v) -> draws.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        draws.forEach((k, v) -> out.put(k, std(v) * Math.sqrt((double) m / n)));
        return out;
    }

    /** The matrix restricted to classes with an actual or a predicted count (scikit-learn's unique_labels). */
    static ConfusionMatrix present(ConfusionMatrix cm) {
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < cm.size(); k++) {
            if (cm.actual(k) > 0 || cm.predicted(k) > 0) {
                keep.add(k);
            }
        }
        if (keep.size() == cm.size()) {
            return cm;
        }
        double[][] c = new double[keep.size()][keep.size()];
        List<String> names = new ArrayList<>();
        for (int a = 0; a < keep.size(); a++) {
            names.add(cm.classes().get(keep.get(a)));
            for (int b = 0; b < keep.size(); b++) {
                c[a][b] = cm.counts()[keep.get(a)][keep.get(b)];
            }
        }
        return new ConfusionMatrix(names, c);
    }

    /** The sample standard deviation (ddof 1) of the finite values; NaN with fewer than two. */
    private static double std(List<Double> values) {
        double[] v = values.stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
        if (v.length < 2) {
            return Double.NaN;
        }
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    private static boolean finite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
