package io.driftwatch.serving.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A model class that a serving function can serve (MLRun's model server class). The endpoint's {@code model_class}
 * and the tracking event's {@code class} are the implementing class's name. Implementations must be thread-safe:
 * {@link #infer} is called concurrently from request threads.
 *
 * <p>A Java model class is loaded by name from the classpath; it needs a public constructor taking a
 * {@link java.nio.file.Path} (the model file) or a public no-argument constructor (see {@link ServableModels}).
 *
 * <p>The default tracked rows (MLRun's {@code logged_results}) pair the i-th row of every input tensor, concatenated in
 * input order, with the i-th row of every output tensor, concatenated in output order; a one-value row is tracked as
 * that value (a single prediction column {@code p0}), a longer row as a list (multi-output columns {@code p0..pn}).
 */
public interface ServableModel extends AutoCloseable {

    /** The platform and the input/output tensors. */
    ModelMetadata metadata();

    /**
     * Runs inference.
     *
     * @throws IllegalArgumentException for a request the model cannot take (missing input, wrong datatype or shape);
     *                                  answered 400
     */
    InferResponse infer(InferRequest request);

    /** The tracked input rows of a request: one list per batch row (DESIGN §3 {@code request.inputs}). */
    default List<Object> trackedInputs(InferRequest request) {
        return rows(request.inputs(), request.rows());
    }

    /** The tracked output rows of a response: one entry per batch row (DESIGN §3 {@code resp.outputs}). */
    default List<Object> trackedOutputs(InferRequest request, InferResponse response) {
        List<Object> rows = rows(response.outputs(), response.outputs().isEmpty() ? 0
                : response.outputs().getFirst().rows());
        return rows.stream().map(r -> r instanceof List<?> l && l.size() == 1 ? l.getFirst() : r).toList();
    }

    /** Releases native resources; the default does nothing. */
    @Override
    default void close() {
    }

    private static List<Object> rows(List<Tensor> tensors, int n) {
        List<Object> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            List<Object> row = new ArrayList<>();
            for (Tensor t : tensors) {
                if (t.rows() != n) {
                    throw new IllegalArgumentException("tensor '" + t.name() + "' has " + t.rows()
                            + " rows, expected " + n);
                }
                row.addAll(t.row(r));
            }
            out.add(row);
        }
        return out;
    }
}
