package io.driftwatch.store.embedded.log;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk format of segment files.
 *
 * <pre>
 * segment file  {base offset, 20 digits}.log
 *   file header  8 bytes: magic "DWLG" (0x44574C47), format version (int, 1)
 *   record*      24-byte header + payload, big-endian:
 *                  int  payloadLength     (0 .. MAX_PAYLOAD)
 *                  int  crc32c            over payloadLength, offset, appendTime and payload
 *                  long offset            (= base offset + index in segment)
 *                  long appendTimeMillis
 *                  byte[payloadLength] payload
 * </pre>
 * The CRC covers the offset, so a stale or misplaced record fails validation like a torn one.
 */
final class RecordFormat {

    static final int MAGIC = 0x44574C47;
    static final int VERSION = 1;
    static final int FILE_HEADER = 8;
    static final int RECORD_HEADER = 24;
    /** Largest payload accepted: 16 MiB. */
    static final int MAX_PAYLOAD = 16 << 20;
    static final String SUFFIX = ".log";

    private RecordFormat() {
    }

    static String fileName(long baseOffset) {
        return String.format("%020d%s", baseOffset, SUFFIX);
    }

    /** The base offset of a segment file name, or -1 when it is not one. */
    static long parseBaseOffset(String fileName) {
        if (!fileName.endsWith(SUFFIX) || fileName.length() != 20 + SUFFIX.length()) {
            return -1;
        }
        try {
            return Long.parseLong(fileName, 0, 20, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static ByteBuffer fileHeader() {
        return ByteBuffer.allocate(FILE_HEADER).putInt(MAGIC).putInt(VERSION).flip();
    }

    static int encodedSize(byte[] payload) {
        return RECORD_HEADER + payload.length;
    }

    /** Writes one record at the buffer's position (the buffer must be heap-backed with room). */
    static void encode(ByteBuffer buf, long offset, long appendTimeMillis, byte[] payload) {
        int start = buf.position();
        buf.putInt(payload.length).putInt(0).putLong(offset).putLong(appendTimeMillis).put(payload);
        buf.putInt(start + 4, checksum(buf.array(), buf.arrayOffset() + start, payload.length));
    }

    /** CRC32C of a record whose header starts at {@code start} in {@code array}. */
    static int checksum(byte[] array, int start, int payloadLength) {
        CRC32C crc = new CRC32C();
        crc.update(array, start, 4);
        crc.update(array, start + 8, RECORD_HEADER - 8 + payloadLength);
        return (int) crc.getValue();
    }
}
