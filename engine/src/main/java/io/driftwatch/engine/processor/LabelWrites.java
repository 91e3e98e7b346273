package io.driftwatch.engine.processor;

import io.driftwatch.engine.port.LabelRecord;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch's ground-truth labels to the time-series store (issue 20), retried like every port call; a store
 * that keeps no labels ({@link UnsupportedOperationException}) is logged once and its labels are skipped, never
 * retried forever (the processor must not stall on them).
 */
final class LabelWrites {
    private static final Logger LOG = LoggerFactory.getLogger(LabelWrites.class);
    private final StreamProcessor.Ports ports;
    private final Retrier retry;
    private volatile boolean unsupported;

    LabelWrites(StreamProcessor.Ports ports, Retrier retry) {
        this.ports = ports;
        this.retry = retry;
    }

    void write(List<LabelRecord> labels) {
        if (labels.isEmpty() || unsupported) {
            return;
        }
        try {
            ports.timeSeries().writeLabels(labels);
        } catch (UnsupportedOperationException e) {
            unsupported = true;
            LOG.warn("stream processor: {} labels skipped: {}", labels.size(), e.getMessage());
        } catch (Retrier.Stopped e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("stream processor: writing {} labels failed, retrying: {}", labels.size(), e.toString());
            retry.run("write " + labels.size() + " labels", () -> ports.timeSeries().writeLabels(labels));
        }
    }
}
