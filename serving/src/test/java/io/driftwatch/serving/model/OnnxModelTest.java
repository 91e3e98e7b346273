package io.driftwatch.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OnnxModelTest {
    static final Path IRIS_DIR = Path.of("..", "examples", "iris");
    static OnnxModel model;

    @BeforeAll
    static void load() {
        model = OnnxModel.load(IRIS_DIR.resolve("iris_rf.onnx"));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static float[][] irisRows() throws IOException {
        List<String> lines = Files.readAllLines(IRIS_DIR.resolve("iris.csv"));
        assertThat(lines.getFirst()).isEqualTo("sepal_length,sepal_width,petal_length,petal_width,label");
        float[][] rows = new float[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            rows[i - 1] = new float[] {Float.parseFloat(f[0]), Float.parseFloat(f[1]), Float.parseFloat(f[2]),
                Float.parseFloat(f[3])};
        }
        return rows;
    }

    @Test
    void metadataDescribesTheClassifierTensors() {
        ModelMetadata md = model.metadata();
        assertThat(md.platform()).isEqualTo("onnxruntime");
        assertThat(md.inputs()).containsExactly(new TensorSpec("input", Datatype.FP32, List.of(-1L, 4L)));
        assertThat(md.outputs()).containsExactly(new TensorSpec("label", Datatype.INT64, List.of(-1L)),
                new TensorSpec("probabilities", Datatype.FP32, List.of(-1L, 3L)));
    }

    @Test
    void predictionsEqualSklearnOnEveryTrainingRow() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(IRIS_DIR.resolve("iris_expected.json").toFile());
        float[][] rows = irisRows();
        assertThat(rows.length).isEqualTo(expected.get("labels").size()).isEqualTo(150);
        InferResponse resp = model.infer(new InferRequest("1", Map.of(), List.of(Tensor.ofFloats("input", rows)),
                List.of()));
        Tensor labels = resp.outputs().get(0);
        Tensor probs = resp.outputs().get(1);
        assertThat(labels.shape()).containsExactly(150);
        assertThat(probs.shape()).containsExactly(150, 3);
        for (int r = 0; r < rows.length; r++) {
            assertThat(labels.value(r)).as("label of row %d", r).isEqualTo(expected.get("labels").get(r).asLong());
            for (int c = 0; c < 3; c++) {
                assertThat(((Float) probs.value(r * 3 + c)).doubleValue()).as("p%d of row %d", c, r)
                        .isCloseTo(expected.get("probabilities").get(r).get(c).asDouble(), within(1e-6));
            }
        }
    }

    @Test
    void tracksEachRowAsLabelThenProbabilities() throws IOException {
        float[][] rows = {irisRows()[0], irisRows()[100]};
        InferRequest req = new InferRequest("2", Map.of(), List.of(Tensor.ofFloats("input", rows)), List.of());
        InferResponse resp = model.infer(req);
        assertThat(model.trackedInputs(req)).containsExactly(List.of(5.1f, 3.5f, 1.4f, 0.2f),
                List.of(6.3f, 3.3f, 6.0f, 2.5f));
        List<Object> out = model.trackedOutputs(req, resp);
        assertThat(out).hasSize(2);
        assertThat((List<?>) out.get(0)).hasSize(4).first().isEqualTo(0L);
        assertThat((List<?>) out.get(1)).first().isEqualTo(2L);
    }

    @Test
    void requestedOutputsOnly() throws IOException {
        InferResponse resp = model.infer(new InferRequest("3", Map.of(),
                List.of(Tensor.ofFloats("input", new float[][] {irisRows()[0]})), List.of("probabilities")));
        assertThat(resp.outputs()).extracting(Tensor::name).containsExactly("probabilities");
        assertThatThrownBy(() -> model.infer(new InferRequest("4", Map.of(),
                List.of(Tensor.ofFloats("input", new float[][] {irisRows()[0]})), List.of("nope"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown output 'nope'");
    }

    @Test
    void rejectsWrongDatatypeShapeAndName() {
        Tensor fp64 = Tensor.of("input", Datatype.FP64, new long[] {1, 4}, new double[] {1, 2, 3, 4});
        assertThatThrownBy(() -> model.infer(new InferRequest("5", Map.of(), List.of(fp64), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be FP32, got FP64");
        Tensor threeCols = Tensor.of("input", Datatype.FP32, new long[] {1, 3}, new float[] {1, 2, 3});
        assertThatThrownBy(() -> model.infer(new InferRequest("6", Map.of(), List.of(threeCols), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shape [1, 3]");
        Tensor other = Tensor.of("x", Datatype.FP32, new long[] {1, 4}, new float[] {1, 2, 3, 4});
        assertThatThrownBy(() -> model.infer(new InferRequest("7", Map.of(), List.of(other), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing input 'input'");
    }

    @Test
    void missingOrInvalidFileIsAClearError(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> OnnxModel.load(dir.resolve("none.onnx"))).hasMessageContaining("does not exist");
        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        assertThatThrownBy(() -> OnnxModel.load(junk)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot load ONNX model");
    }
}
