package io.driftwatch.server.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Byte-level mutations of a valid body for the fuzz properties. */
final class Mutations {
    private static final byte[] TOKENS = "{}[]\",:0123456789-+.eE \\ntrufalsn\u0000".getBytes(StandardCharsets.UTF_8);

    private Mutations() {
    }

    /** {@code text} with {@code edits} random replacements, insertions, deletions or a cut, from {@code seed}. */
    static byte[] mutate(String text, int seed, int edits) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            byte v = r.nextBoolean() ? TOKENS[r.nextInt(TOKENS.length)] : (byte) r.nextInt(256);
            b = switch (r.nextInt(4)) {
                case 0 -> { b[at] = v; yield b; }
                case 1 -> insert(b, at, v);
                case 2 -> delete(b, at);
                default -> Arrays.copyOf(b, at);
            };
        }
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte v) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, int at) {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
    }
}
