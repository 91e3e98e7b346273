package io.driftwatch.engine.processor;

import io.driftwatch.LiveMetrics;
import java.time.Instant;
import java.util.Arrays;

/**
 * The live metrics of one endpoint (DESIGN.md §4): prediction counts and row-weighted average latency over the
 * last 5 minutes and the last hour of event time, relative to the processor's clock. Two rings of buckets:
 * 30 × 10 s for 5 minutes and 60 × 60 s for the hour (so the window edges are exact to 10 s / 60 s).
 * Memory: 180 longs ≈ 1.5 KB per endpoint; {@link #add} and {@link #metrics} are O(1) / O(90).
 * Events stamped after "now" count as now; events older than a ring are ignored by it.
 * Not persisted: after a restart the processor rebuilds it from the time-series store's predictions of the
 * last hour (which hold exactly the events applied so far).
 */
final class LiveWindow {
    private final Ring fine = new Ring(10, 30);
    private final Ring coarse = new Ring(60, 60);

    /** Adds {@code rows} predictions that each took {@code latencyMicros}. */
    void add(Instant eventTime, Instant now, int rows, long latencyMicros) {
        long t = Math.min(eventTime.getEpochSecond(), now.getEpochSecond());
        long n = now.getEpochSecond();
        fine.add(t, n, rows, latencyMicros * rows);
        coarse.add(t, n, rows, latencyMicros * rows);
    }

    LiveMetrics metrics(Instant now) {
        long n = now.getEpochSecond();
        long c5 = fine.count(n);
        long c1h = coarse.count(n);
        double l5 = c5 == 0 ? 0 : (double) fine.latency(n) / c5;
        double l1h = c1h == 0 ? 0 : (double) coarse.latency(n) / c1h;
        return new LiveMetrics(c5 / 300.0, l5, l1h, c5, c1h);
    }

    private static final class Ring {
        private final long width;
        private final long[] index;
        private final long[] counts;
        private final long[] latency;

        Ring(long widthSeconds, int size) {
            this.width = widthSeconds;
            this.index = new long[size];
            this.counts = new long[size];
            this.latency = new long[size];
            Arrays.fill(index, Long.MIN_VALUE);
        }

        void add(long t, long now, long rows, long latencySum) {
            long b = Math.floorDiv(t, width);
            if (b <= Math.floorDiv(now, width) - index.length) {
                return;
            }
            int slot = (int) Math.floorMod(b, (long) index.length);
            if (index[slot] > b) {
                return;
            }
            if (index[slot] < b) {
                index[slot] = b;
                counts[slot] = 0;
                latency[slot] = 0;
            }
            counts[slot] += rows;
            latency[slot] += latencySum;
        }

        long count(long now) {
            long nb = Math.floorDiv(now, width);
            long sum = 0;
            for (int i = 0; i < index.length; i++) {
                if (index[i] > nb - index.length && index[i] <= nb) {
                    sum += counts[i];
                }
            }
            return sum;
        }

        long latency(long now) {
            long nb = Math.floorDiv(now, width);
            long sum = 0;
            for (int i = 0; i < index.length; i++) {
                if (index[i] > nb - index.length && index[i] <= nb) {
                    sum += latency[i];
                }
            }
            return sum;
        }
    }
}
