package io.driftwatch.engine.apps;

import io.driftwatch.AppOutput;
import io.driftwatch.engine.writer.WindowTask;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one app on one endpoint-window.
 *
 * @param output  what the app returned (validated); null if it failed
 * @param error   why it failed (exception, timeout or invalid output); null if it succeeded
 * @param elapsed wall time of the run
 */
public record AppRun(WindowTask task, AppOutput output, String error, Duration elapsed) {
    public AppRun {
        Objects.requireNonNull(task, "task");
        if ((output == null) == (error == null)) {
            throw new IllegalArgumentException("an app run has either an output or an error");
        }
    }

    public boolean succeeded() {
        return output != null;
    }
}
