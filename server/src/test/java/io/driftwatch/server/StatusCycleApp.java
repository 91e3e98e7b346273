package io.driftwatch.server;

import io.driftwatch.AppOutput;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringContext;
import io.driftwatch.Result;
import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;

/**
 * A monitoring app whose result {@code cycle} walks through irrelevant, no drift and potential drift by the window's
 * start minute (mod 3), with the values 0.05, 0.2 and 0.6: the Grafana tests need every status in the results.
 */
public final class StatusCycleApp implements MonitoringApplication {
    /** The status of a window starting in the given epoch minute. */
    static ResultStatus statusOf(long epochMinute) {
        return switch ((int) Math.floorMod(epochMinute, 3L)) {
            case 0 -> ResultStatus.IRRELEVANT;
            case 1 -> ResultStatus.NO_DETECTION;
            default -> ResultStatus.POTENTIAL_DETECTION;
        };
    }

    static double valueOf(ResultStatus s) {
        return switch (s) {
            case IRRELEVANT -> 0.05;
            case NO_DETECTION -> 0.2;
            default -> 0.6;
        };
    }

    @Override
    public AppOutput doTracking(MonitoringContext context) {
        ResultStatus s = statusOf(context.window().start().getEpochSecond() / 60);
        return AppOutput.of(new Result("cycle", valueOf(s), ResultKind.DATA_DRIFT, s));
    }
}
