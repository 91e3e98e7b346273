package io.driftwatch.ui;

import io.driftwatch.AppOutput;
import io.driftwatch.Metric;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringContext;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import java.util.List;

/**
 * A test application giving the UI a model-performance result: {@code accuracy} = the share of the window's rows
 * whose predicted label agrees with the textbook iris rule (petal_length &lt; 2.45 → 0, petal_width &lt; 1.75 → 1,
 * else 2; 96 % on the training set), status potential below 0.9 and detected below 0.7; metric {@code rows}.
 */
public final class RuleAccuracyApp implements MonitoringApplication {
    @Override
    public AppOutput doTracking(MonitoringContext context) {
        var frame = context.sampleFrame();
        int n = frame.rowCount();
        if (n == 0) {
            return AppOutput.none();
        }
        double[] pl = frame.numeric("petal_length");
        double[] pw = frame.numeric("petal_width");
        double[] label = frame.numeric(context.labelNames().getFirst());
        int agree = 0;
        for (int i = 0; i < n; i++) {
            int rule = pl[i] < 2.45 ? 0 : pw[i] < 1.75 ? 1 : 2;
            agree += rule == (int) label[i] ? 1 : 0;
        }
        double acc = agree / (double) n;
        ResultStatus status = acc < 0.7 ? ResultStatus.DETECTED : acc < 0.9 ? ResultStatus.POTENTIAL_DETECTION
                : ResultStatus.NO_DETECTION;
        return AppOutput.of(List.of(new Result("accuracy", acc, ResultKind.MODEL_PERFORMANCE, status)),
                List.of(new Metric("rows", n)));
    }
}
