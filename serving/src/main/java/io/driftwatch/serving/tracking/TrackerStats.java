package io.driftwatch.serving.tracking;

/**
 * Tracker counters since start.
 *
 * @param accepted  events queued
 * @param dropped   events refused because the queue was full (or the tracker closed)
 * @param delivered events the sink accepted
 * @param failed    events lost to an encoding or sink failure
 * @param queued    events waiting now
 */
public record TrackerStats(long accepted, long dropped, long delivered, long failed, long queued) {
}
