package io.driftwatch.engine.controller;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.SampleFrame;
import io.driftwatch.engine.writer.WindowTask;
import java.util.List;

/**
 * Runs the apps of one non-empty endpoint-window and writes their outputs, synchronously. An app failure is the
 * handler's business (an {@code mm-app-failed} event); an exception thrown here means the window could not be
 * processed (e.g. a store is down): the controller then leaves {@code last_analyzed} where it was and retries the
 * window on its next run.
 */
@FunctionalInterface
public interface WindowHandler {
    /**
     * @param endpoint the endpoint record as read at the start of the run
     * @param frame    the window's rows (already loaded; not empty)
     * @param tasks    one task per app due for this window, all with the same window
     */
    void handle(ModelEndpoint endpoint, SampleFrame frame, List<WindowTask> tasks);

    /**
     * A handler for one batch of endpoints on one controller worker, whose writes may wait until
     * {@link Batch#flush()}. The default handles each window at once (nothing deferred).
     */
    default Batch batch() {
        return new Batch() {
            @Override
            public void handle(ModelEndpoint endpoint, SampleFrame frame, List<WindowTask> tasks) {
                WindowHandler.this.handle(endpoint, frame, tasks);
            }

            @Override
            public int pending() {
                return 0;
            }

            @Override
            public void flush() {
                // nothing deferred
            }
        };
    }

    /** Windows handled for one batch of endpoints; not thread-safe (one per worker). */
    interface Batch {
        /** As {@link WindowHandler#handle}; the outputs may be written only by {@link #flush()}. */
        void handle(ModelEndpoint endpoint, SampleFrame frame, List<WindowTask> tasks);

        /** Window outputs handled and not yet written. */
        int pending();

        /**
         * Writes what was deferred.
         *
         * @throws RuntimeException from the stores: the batch's windows count as not processed (retried next run)
         */
        void flush();
    }
}
