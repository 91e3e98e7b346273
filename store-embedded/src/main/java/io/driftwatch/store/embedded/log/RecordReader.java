package io.driftwatch.store.embedded.log;

import io.driftwatch.engine.port.StreamRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Sequential, validating reader over one segment file between a start position and a limit, with
 * a 64 KiB read buffer (one {@code pread} per ~60 records of 1 KiB). Every record returned has
 * passed its length, CRC32C and offset checks. Not thread-safe; one per read call.
 */
final class RecordReader {

    private static final int BUFFER = 64 << 10;

    private final FileChannel channel;
    private final long limit;
    private ByteBuffer buf = ByteBuffer.allocate(BUFFER).limit(0);
    private long bufStart;
    private long position;
    private long nextOffset;

    /**
     * @param channel     the segment file
     * @param position    file position of the first record to read
     * @param firstOffset the offset the record at {@code position} must carry
     * @param limit       file position after the last byte that may be read
     */
    RecordReader(FileChannel channel, long position, long firstOffset, long limit) {
        this.channel = channel;
        this.position = position;
        this.nextOffset = firstOffset;
        this.limit = limit;
        this.bufStart = position;
    }

    /** File position of the next record. */
    long position() {
        return position;
    }

    /** The offset the next record must carry. */
    long nextOffset() {
        return nextOffset;
    }

    /**
     * The next record, or null when the reader is exactly at its limit.
     *
     * @throws CorruptRecordException when the bytes at the position are not a valid record with
     *                                the expected offset (including a record cut by the limit)
     */
    StreamRecord next() throws IOException {
        if (position >= limit) {
            return null;
        }
        int rel = ensure(RecordFormat.RECORD_HEADER);
        int length = buf.getInt(rel);
        if (length < 0 || length > RecordFormat.MAX_PAYLOAD) {
            throw new CorruptRecordException("bad record length " + length, position);
        }
        rel = ensure(RecordFormat.RECORD_HEADER + length);
        byte[] array = buf.array();
        if (buf.getInt(rel + 4) != RecordFormat.checksum(array, rel, length)) {
            throw new CorruptRecordException("CRC32C mismatch", position);
        }
        long offset = buf.getLong(rel + 8);
        if (offset != nextOffset) {
            throw new CorruptRecordException("offset " + offset + " where " + nextOffset + " was expected", position);
        }
        nextOffset++;
        long time = buf.getLong(rel + 16);
        int from = rel + RecordFormat.RECORD_HEADER;
        position += RecordFormat.RECORD_HEADER + length;
        return new StreamRecord(offset, time, Arrays.copyOfRange(array, from, from + length));
    }

    /** Makes {@code [position, position + n)} available in the buffer; returns its buffer index. */
    private int ensure(int n) throws IOException {
        if (position + n > limit) {
            throw new CorruptRecordException("truncated record (" + (limit - position) + " of " + n + " bytes)", position);
        }
        long rel = position - bufStart;
        if (rel + n <= buf.limit()) {
            return (int) rel;
        }
        if (n > buf.capacity()) {
            buf = ByteBuffer.allocate(Math.max(n, BUFFER));
        }
        buf.clear().limit((int) Math.min(buf.capacity(), limit - position));
        bufStart = position;
        while (buf.position() < n) {
            if (channel.read(buf, bufStart + buf.position()) < 0) {
                throw new CorruptRecordException("file ends inside a record", position);
            }
        }
        buf.flip();
        return 0;
    }
}
