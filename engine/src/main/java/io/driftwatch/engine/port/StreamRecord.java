package io.driftwatch.engine.port;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of an {@link EventStream}: its dense offset, the wall-clock time at which the log
 * accepted it, and its opaque payload (one JSON tracking event, DESIGN.md §3).
 *
 * <p>The payload array is not copied (records are read in batches of thousands): callers must not
 * modify it. Equality compares the payload by content.
 *
 * @param offset           dense offset, starting at 0
 * @param appendTimeMillis epoch milliseconds at which the record was appended (the log's clock)
 * @param payload          the record bytes, as given to {@link EventStream#append}
 */
public record StreamRecord(long offset, long appendTimeMillis, byte[] payload) {

    public StreamRecord {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamRecord r
                && r.offset == offset
                && r.appendTimeMillis == appendTimeMillis
                && Arrays.equals(r.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "StreamRecord[offset=" + offset + ", appendTimeMillis=" + appendTimeMillis
                + ", payload=" + payload.length + " bytes]";
    }
}
