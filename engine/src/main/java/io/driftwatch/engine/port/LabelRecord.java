package io.driftwatch.engine.port;

import java.time.Instant;
import java.util.Objects;

/**
 * One ground-truth label (issue 20): the true value of prediction row {@code row} of the request
 * {@code requestId} of an endpoint, the event time of that prediction (which places it in a window) and when the
 * label was received. Unique per (project, uid, requestId, row): a later label for the same key replaces the stored
 * one.
 *
 * @param labelJson the label as a JSON scalar text: a number, a string ({@code "\"setosa\""}) or a boolean
 */
public record LabelRecord(String project, String uid, String requestId, int row, Instant predictionTime,
                          String labelJson, Instant receivedAt) {
    public LabelRecord {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(predictionTime, "predictionTime");
        Objects.requireNonNull(labelJson, "labelJson");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (row < 0) {
            throw new IllegalArgumentException("row must be >= 0: " + row);
        }
    }
}
