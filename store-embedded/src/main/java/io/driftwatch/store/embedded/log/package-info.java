/**
 * The embedded event stream between ingest and the stream processor (DESIGN.md §2): a durable, segmented,
 * append-only log with group commit, crash recovery, retention and backpressure. Owns the on-disk segment and
 * consumer-offsets formats (pinned by golden files in the tests).
 */
package io.driftwatch.store.embedded.log;
