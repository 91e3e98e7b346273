package io.driftwatch.store.embedded.log;

import java.util.Arrays;

/**
 * In-memory sparse index of one segment: (offset, file position) of one record every
 * {@code interval} bytes, ascending. 16 bytes per entry: a 64 MiB segment with a 4 KiB interval
 * holds at most 16,384 entries (256 KiB). Lookups are a binary search. Thread-safe.
 */
final class SparseIndex {

    private final int interval;
    private long[] offsets = new long[64];
    private long[] positions = new long[64];
    private int size;

    SparseIndex(int interval) {
        this.interval = interval;
    }

    /** Records that the record {@code offset} starts at {@code position}, if an entry is due. */
    synchronized void maybeAdd(long offset, long position) {
        if (size > 0 && position - positions[size - 1] < interval) {
            return;
        }
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
        }
        offsets[size] = offset;
        positions[size] = position;
        size++;
    }

    /** One index entry: a record's offset and the file position of its header. */
    record Entry(long offset, long position) {
    }

    /** The last entry with an offset {@code <= offset}, or null when none. */
    synchronized Entry floor(long offset) {
        int i = Arrays.binarySearch(offsets, 0, size, offset);
        if (i < 0) {
            i = -i - 2;
        }
        return i < 0 ? null : new Entry(offsets[i], positions[i]);
    }

    synchronized int size() {
        return size;
    }
}
