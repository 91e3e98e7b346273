package io.driftwatch.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Bounded, seeded fuzzing without a framework, for the parsers' fuzz tests (issue 18 pt 8): random strings and bytes,
 * and byte-level mutations of valid bodies. Every input comes from a seed, so a failure is reproducible from the seed
 * it names. {@link #TRIES} inputs per test run in a few seconds.
 */
public final class Fuzz {
    private static final byte[] TOKENS = "{}[]\",:0123456789-+.eE \\ntrufalsn\u0000".getBytes(StandardCharsets.UTF_8);

    private Fuzz() {
    }

    /** Tries per fuzz test: a bounded run of a few seconds in CI. */
    public static final int TRIES = 2_000;

    /**
     * Runs {@code check} on {@link #TRIES} inputs made by {@code input} from seeds 0..TRIES-1 (reproducible: a failure
     * names its seed).
     */
    public static <T> void fuzz(IntFunction<T> input, Consumer<T> check) {
        for (int seed = 0; seed < TRIES; seed++) {
            T value = input.apply(seed);
            try {
                check.accept(value);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("fuzz input of seed " + seed + " failed: " + e, e);
            }
        }
    }

    /** A random string of up to 200 characters: JSON punctuation, ASCII, control characters, any UTF-16 unit. */
    public static String randomString(int seed) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        StringBuilder s = new StringBuilder();
        int n = r.nextInt(201);
        for (int i = 0; i < n; i++) {
            s.append(switch (r.nextInt(4)) {
                case 0 -> (char) TOKENS[r.nextInt(TOKENS.length)];
                case 1 -> (char) (32 + r.nextInt(95));
                case 2 -> (char) r.nextInt(32);
                default -> (char) r.nextInt(Character.MAX_VALUE + 1);
            });
        }
        return s.toString();
    }

    /** Random bytes, up to 200. */
    public static byte[] randomBytes(int seed) {
        SplittableRandom r = new SplittableRandom(~seed * 0x9E3779B97F4A7C15L);
        byte[] b = new byte[r.nextInt(201)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** One of {@code valid} with 1..8 random edits ({@link #mutate}), chosen by the seed. */
    public static IntFunction<byte[]> mutated(List<String> valid) {
        return seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            return mutate(valid.get(r.nextInt(valid.size())), seed, 1 + r.nextInt(8));
        };
    }

    /** {@code text} with {@code edits} random replacements, insertions, deletions or a cut, from {@code seed}. */
    public static byte[] mutate(String text, int seed, int edits) {
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
