package io.driftwatch.store.embedded.log;

import java.io.IOException;
import java.io.Serial;

/** A record that fails validation: truncated, bad length, bad CRC or unexpected offset. */
final class CorruptRecordException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long position;

    CorruptRecordException(String message, long position) {
        super(message + " at byte " + position);
        this.position = position;
    }

    /** File position of the first byte of the invalid record. */
    long position() {
        return position;
    }
}
