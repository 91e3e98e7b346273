package io.driftwatch.stats.performance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * CBPE on synthetic data where the truth is known: labels drawn from the probabilities (calibrated by construction),
 * so the estimate must land within its band around the realized value; and a concept shift (labels no longer follow
 * the probabilities), where it must not — the documented failure mode.
 */
class CbpeTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    /** Rows of a 3-class model: proba = softmax(scale · logits), label ~ proba, prediction = argmax. */
    record Rows(List<String> yTrue, List<String> yPred, double[][] proba) {
    }

    static Rows rows(Random rnd, int n, double scale, double flip, List<String> classes) {
        List<String> t = new ArrayList<>();
        List<String> p = new ArrayList<>();
        double[][] proba = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] q = softmax(rnd, classes.size(), scale);
            proba[i] = q;
            int y = draw(rnd, q);
            if (rnd.nextDouble() < flip) {
                y = (y + 1 + rnd.nextInt(classes.size() - 1)) % classes.size();
            }
            t.add(classes.get(y));
            p.add(classes.get(argmax(q)));
        }
        return new Rows(t, p, proba);
    }

    @Test
    void realizedAccuracyIsWithinTheBandInAtLeast90PercentOfCalibratedWindows() {
        Random rnd = new Random(7);
        Rows ref = rows(rnd, 5_000, 2.0, 0, CLASSES);
        Cbpe cbpe = Cbpe.fit(ref.yTrue(), ref.yPred(), ref.proba(), CLASSES, Cbpe.Options.DEFAULTS);
        int inside = 0;
        int insideAuc = 0;
        int windows = 40;
        for (int w = 0; w < windows; w++) {
            // covariate shift: the confidence distribution changes with w, P(y | proba) does not
            Rows win = rows(rnd, 500, 1.0 + w * 0.05, 0, CLASSES);
            Cbpe.Estimate est = cbpe.estimate(win.yPred(), win.proba());
            ClassificationReport real = ClassificationMetrics.evaluate(win.yTrue(), win.yPred(), win.proba(), CLASSES);
            inside += est.metrics().get(Metrics.ACCURACY).contains(real.accuracy()) ? 1 : 0;
            insideAuc += est.metrics().get(Metrics.ROC_AUC).contains(real.rocAuc()) ? 1 : 0;
            assertThat(est.rows()).isEqualTo(500);
            assertThat(est.expected().total()).isCloseTo(500, org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(inside).as("windows whose realized accuracy is inside the band").isGreaterThanOrEqualTo(36);
        assertThat(insideAuc).as("windows whose realized roc_auc is inside the band").isGreaterThanOrEqualTo(36);
    }

    @Test
    void theBandIsThreeSamplingErrorsWideAndShrinksWithTheWindowSize() {
        Random rnd = new Random(8);
        Rows ref = rows(rnd, 4_000, 2.0, 0, CLASSES);
        Cbpe cbpe = Cbpe.fit(ref.yTrue(), ref.yPred(), ref.proba(), CLASSES, Cbpe.Options.DEFAULTS);
        Rows small = rows(rnd, 100, 2.0, 0, CLASSES);
        Rows large = rows(rnd, 2_000, 2.0, 0, CLASSES);
        Cbpe.Estimated s = cbpe.estimate(small.yPred(), small.proba()).metrics().get(Metrics.ACCURACY);
        Cbpe.Estimated l = cbpe.estimate(large.yPred(), large.proba()).metrics().get(Metrics.ACCURACY);
        // binomial σ of an accuracy ≈ 0.7 at n = 100 is ≈ 0.046; at 2000 ≈ 0.010
        assertThat(s.samplingError()).isBetween(0.03, 0.06);
        assertThat(l.samplingError()).isBetween(0.006, 0.014);
        assertThat(s.upper() - s.value()).isCloseTo(3 * s.samplingError(), org.assertj.core.data.Offset.offset(1e-12));
        // deterministic: the same window gives the same band
        assertThat(cbpe.estimate(small.yPred(), small.proba()).metrics()).isEqualTo(
                cbpe.estimate(small.yPred(), small.proba()).metrics());
    }

    @Test
    void conceptShiftPutsTheRealizedAccuracyOutsideTheBand() {
        Random rnd = new Random(9);
        Rows ref = rows(rnd, 5_000, 2.0, 0, CLASSES);
        Cbpe cbpe = Cbpe.fit(ref.yTrue(), ref.yPred(), ref.proba(), CLASSES, Cbpe.Options.DEFAULTS);
        int outside = 0;
        for (int w = 0; w < 20; w++) {
            // P(y | x) changed: 40 % of labels moved to another class; the probabilities look as before
            Rows win = rows(rnd, 500, 2.0, 0.4, CLASSES);
            Cbpe.Estimated est = cbpe.estimate(win.yPred(), win.proba()).metrics().get(Metrics.ACCURACY);
            double real = ClassificationMetrics.evaluate(win.yTrue(), win.yPred()).accuracy();
            assertThat(est.value()).as("the estimate does not see the drop").isGreaterThan(real);
            outside += est.contains(real) ? 0 : 1;
        }
        assertThat(outside).isEqualTo(20);
    }

    @Test
    void isotonicCalibrationRepairsOverconfidentProbabilitiesThatTheUncalibratedEstimateGetsWrong() {
        Random rnd = new Random(10);
        List<String> bin = List.of("0", "1");
        DoubleUnaryOperator overconfident = p -> p > 0.5 ? 1 - (1 - p) * 0.3 : p * 0.3;
        Rows ref = distort(rows(rnd, 5_000, 1.5, 0, bin), overconfident);
        Rows win = distort(rows(rnd, 1_000, 1.5, 0, bin), overconfident);
        double real = ClassificationMetrics.evaluate(win.yTrue(), win.yPred()).accuracy();
        Cbpe calibrated = Cbpe.fit(ref.yTrue(), ref.yPred(), ref.proba(), bin, Cbpe.Options.DEFAULTS);
        Cbpe raw = Cbpe.fit(ref.yTrue(), ref.yPred(), ref.proba(), bin, new Cbpe.Options(false, 3, 50, 5_000));
        assertThat(calibrated.estimate(win.yPred(), win.proba()).metrics().get(Metrics.ACCURACY).contains(real))
                .isTrue();
        assertThat(raw.estimate(win.yPred(), win.proba()).metrics().get(Metrics.ACCURACY).value())
                .as("uncalibrated overconfident probabilities overestimate").isGreaterThan(real + 0.05);
    }

    @Test
    void skipsRowsItCannotUseAndRejectsAReferenceWithoutTwoClasses() {
        Random rnd = new Random(11);
        Rows ref = rows(rnd, 500, 2.0, 0, CLASSES);
        Cbpe cbpe = Cbpe.fit(ref.yTrue(), ref.yPred(), ref.proba(), CLASSES, Cbpe.Options.DEFAULTS);
        List<String> pred = new ArrayList<>(List.of("a", "zzz", "b"));
        pred.add(null);
        double[][] proba = {{0.8, 0.1, 0.1}, {0.2, 0.3, 0.5}, {Double.NaN, 0.5, 0.5}, {0.1, 0.1, 0.8}};
        assertThat(cbpe.estimate(pred, proba).rows()).isEqualTo(1);
        assertThat(cbpe.estimate(List.of(), new double[0][]).metrics()).isEmpty();
        assertThatThrownBy(() -> Cbpe.fit(List.of("a"), List.of("a"), new double[][] {{1}}, List.of("a"),
                Cbpe.Options.DEFAULTS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two classes");
    }

    private static Rows distort(Rows r, DoubleUnaryOperator f) {
        double[][] p = new double[r.proba().length][];
        for (int i = 0; i < p.length; i++) {
            double q = f.applyAsDouble(r.proba()[i][1]);
            p[i] = new double[] {1 - q, q};
        }
        return new Rows(r.yTrue(), r.yPred(), p);
    }

    private static double[] softmax(Random rnd, int k, double scale) {
        double[] e = new double[k];
        double s = 0;
        for (int j = 0; j < k; j++) {
            e[j] = Math.exp(scale * rnd.nextGaussian());
            s += e[j];
        }
        for (int j = 0; j < k; j++) {
            e[j] /= s;
        }
        return e;
    }

    private static int draw(Random rnd, double[] q) {
        double u = rnd.nextDouble();
        double c = 0;
        for (int j = 0; j < q.length; j++) {
            c += q[j];
            if (u < c) {
                return j;
            }
        }
        return q.length - 1;
    }

    private static int argmax(double[] q) {
        int best = 0;
        for (int j = 1; j < q.length; j++) {
            if (q[j] > q[best]) {
                best = j;
            }
        }
        return best;
    }
}
