package io.driftwatch.serving.model;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A named tensor: datatype, shape and flat row-major data (the Java array type of its {@link Datatype}). Tensors are
 * batched along the first dimension: a tensor of shape {@code [n, d1, d2]} holds {@code n} rows of {@code d1·d2}
 * values each. The data array is not copied; treat it as read-only after construction.
 */
public final class Tensor {
    private final String name;
    private final Datatype datatype;
    private final long[] shape;
    private final Object data;
    private final int size;

    private Tensor(String name, Datatype datatype, long[] shape, Object data, int size) {
        this.name = name;
        this.datatype = datatype;
        this.shape = shape;
        this.data = data;
        this.size = size;
    }

    /**
     * A tensor over flat data.
     *
     * @throws IllegalArgumentException if the data is not the datatype's array type, a dimension is negative or the
     *                                  element count differs from the product of the shape
     */
    public static Tensor of(String name, Datatype datatype, long[] shape, Object data) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(shape, "shape");
        if (data == null || data.getClass() != datatype.arrayType()) {
            throw new IllegalArgumentException("tensor '" + name + "': " + datatype + " data must be a "
                    + datatype.arrayType().getSimpleName() + ", got "
                    + (data == null ? "null" : data.getClass().getSimpleName()));
        }
        long expected = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in shape "
                        + Arrays.toString(shape));
            }
            expected = Math.multiplyExact(expected, d);
        }
        int length = Array.getLength(data);
        if (expected != length) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape) + " needs "
                    + expected + " values, data has " + length);
        }
        return new Tensor(name, datatype, shape.clone(), data, length);
    }

    /** A batch of {@code FP32} rows. */
    public static Tensor ofFloats(String name, float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("tensor '" + name + "': row " + r + " has " + rows[r].length
                        + " values, row 0 has " + width);
            }
            System.arraycopy(rows[r], 0, flat, r * width, width);
        }
        return of(name, Datatype.FP32, new long[] {rows.length, width}, flat);
    }

    public String name() {
        return name;
    }

    public Datatype datatype() {
        return datatype;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The flat data array (not copied). */
    public Object data() {
        return data;
    }

    /** The number of values. */
    public int size() {
        return size;
    }

    /** The batch size: the first dimension, 1 for a scalar. */
    public int rows() {
        return shape.length == 0 ? 1 : (int) shape[0];
    }

    /** The values per row. */
    public int rowWidth() {
        int rows = rows();
        return rows == 0 ? 0 : size / rows;
    }

    /** The value at a flat index, boxed ({@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, ...). */
    public Object value(int index) {
        return Array.get(data, index);
    }

    /** The values of row {@code r}, boxed, flattened. */
    public List<Object> row(int r) {
        int width = rowWidth();
        List<Object> out = new ArrayList<>(width);
        for (int i = r * width; i < (r + 1) * width; i++) {
            out.add(value(i));
        }
        return out;
    }

    /** The data as doubles (numeric datatypes only). */
    public double[] toDoubles() {
        if (!datatype.numeric()) {
            throw new IllegalArgumentException("tensor '" + name + "' is " + datatype + ", not numeric");
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = ((Number) value(i)).doubleValue();
        }
        return out;
    }

    @Override
    public String toString() {
        return "Tensor[" + name + ", " + datatype + ", " + Arrays.toString(shape) + "]";
    }
}
