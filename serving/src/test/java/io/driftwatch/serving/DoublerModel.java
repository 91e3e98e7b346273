package io.driftwatch.serving;

import io.driftwatch.serving.model.Datatype;
import io.driftwatch.serving.model.InferRequest;
import io.driftwatch.serving.model.InferResponse;
import io.driftwatch.serving.model.ModelMetadata;
import io.driftwatch.serving.model.ServableModel;
import io.driftwatch.serving.model.Tensor;
import io.driftwatch.serving.model.TensorSpec;
import java.util.List;

/** A Java model class for tests (MLRun's tracking test model): y = 2·x on FP64 rows; x containing 13 fails. */
public final class DoublerModel implements ServableModel {
    @Override
    public ModelMetadata metadata() {
        return new ModelMetadata("java", List.of(new TensorSpec("x", Datatype.FP64, List.of(-1L, -1L))),
                List.of(new TensorSpec("y", Datatype.FP64, List.of(-1L, -1L))));
    }

    @Override
    public InferResponse infer(InferRequest request) {
        Tensor x = request.input("x");
        double[] in = x.toDoubles();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            if (in[i] == 13) {
                throw new IllegalStateException("unlucky input");
            }
            out[i] = 2 * in[i];
        }
        return InferResponse.of(List.of(Tensor.of("y", Datatype.FP64, x.shape(), out)));
    }
}
