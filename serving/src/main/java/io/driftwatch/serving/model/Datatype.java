package io.driftwatch.serving.model;

import java.util.Locale;

/**
 * The Open Inference Protocol tensor datatypes this server accepts. Each maps onto one Java array type that holds a
 * tensor's data flat, in row-major order: {@code BOOL → boolean[]}, {@code INT32 → int[]}, {@code INT64 → long[]},
 * {@code FP32 → float[]}, {@code FP64 → double[]}, {@code BYTES → String[]} (UTF-8 text).
 */
public enum Datatype {
    BOOL(boolean[].class),
    INT32(int[].class),
    INT64(long[].class),
    FP32(float[].class),
    FP64(double[].class),
    BYTES(String[].class);

    private final Class<?> arrayType;

    Datatype(Class<?> arrayType) {
        this.arrayType = arrayType;
    }

    /** The Java array type that holds this datatype's flat data. */
    public Class<?> arrayType() {
        return arrayType;
    }

    /** Whether the values are numbers (integers or floats). */
    public boolean numeric() {
        return this != BOOL && this != BYTES;
    }

    /**
     * Parses an OIP datatype name.
     *
     * @throws IllegalArgumentException naming the value and the supported datatypes
     */
    public static Datatype parse(String name) {
        if (name != null) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("unsupported datatype '" + name + "'; supported: BOOL, INT32, INT64, FP32, "
                + "FP64, BYTES");
    }
}
