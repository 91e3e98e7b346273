package io.driftwatch.engine.processor;

import java.util.concurrent.atomic.AtomicLong;

/** The processor's live counters; {@link ProcessorStats} is their snapshot. */
final class Counters {
    final AtomicLong events = new AtomicLong();
    final AtomicLong rows = new AtomicLong();
    final AtomicLong modelErrors = new AtomicLong();
    final AtomicLong dataErrors = new AtomicLong();
    final AtomicLong unattributed = new AtomicLong();
    final AtomicLong unparseable = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong flushes = new AtomicLong();
    final AtomicLong portFailures = new AtomicLong();
    final AtomicLong applied = new AtomicLong();
    final AtomicLong stored = new AtomicLong();
}
