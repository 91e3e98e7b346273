package io.driftwatch.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.serving.model.Datatype;
import io.driftwatch.serving.model.InferRequest;
import io.driftwatch.serving.model.Tensor;
import io.driftwatch.serving.tracking.Tracker;
import io.driftwatch.serving.tracking.TrackerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingFunctionsTest {
    static final String IRIS = Path.of("..", "examples", "iris", "iris_rf.onnx").toAbsolutePath().toString();

    static InferRequest doublerRequest(String id) {
        return new InferRequest(id, Map.of(), List.of(Tensor.of("x", Datatype.FP64, new long[] {1, 1},
                new double[] {3})), List.of());
    }

    @Test
    void persistsAndRedeploysAfterReopen(@TempDir Path dir) throws Exception {
        try (Tracker t = Tracker.start(b -> { }, TrackerConfig.defaults());
             ServingFunctions fns = ServingFunctions.open(dir, t, Clock.systemUTC())) {
            fns.create("p", "srv", "v1");
            fns.addModel("p", "srv", ModelSpec.ofFile("iris", "2", IRIS));
            fns.setTracking("p", "srv", new TrackingSpec(true, 0.5));
            fns.deploy("p", "srv");
            fns.create("p", "idle", null);
            fns.addModel("p", "idle", new ModelSpec("d", null, DoublerModel.class.getName(), null, Map.of()));
        }
        String json = Files.readString(dir.resolve("serving/functions.json"));
        assertThat(json).contains("\"model_file\"", "\"sample_rate\" : 0.5");
        try (Tracker t = Tracker.start(b -> { }, TrackerConfig.defaults());
             ServingFunctions fns = ServingFunctions.open(dir, t, Clock.systemUTC())) {
            assertThat(fns.list("p")).extracting(FunctionSpec::name).containsExactly("idle", "srv");
            ServingFunction srv = fns.deployed("p", "srv").orElseThrow();
            assertThat(srv.functionUri()).isEqualTo("p/srv:v1");
            assertThat(srv.spec().tracking()).isEqualTo(new TrackingSpec(true, 0.5));
            assertThat(srv.model("iris", "2").modelClass()).isEqualTo("io.driftwatch.serving.model.OnnxModel");
            assertThat(fns.deployed("p", "idle")).isEmpty();
        }
    }

    @Test
    void trackingSwitchAndSamplingRate() {
        List<byte[]> events = new CopyOnWriteArrayList<>();
        Tracker t = Tracker.start(events::addAll, TrackerConfig.defaults());
        try (ServingFunctions fns = ServingFunctions.open(null, t, Clock.systemUTC())) {
            fns.create("p", "f", null);
            fns.addModel("p", "f", new ModelSpec("d", null, DoublerModel.class.getName(), null, Map.of()));
            ServingFunction fn = fns.deploy("p", "f");
            infer(fn, 4);
            fns.setTracking("p", "f", TrackingSpec.off());
            infer(fns.deployed("p", "f").orElseThrow(), 4);
            fns.setTracking("p", "f", new TrackingSpec(true, 0.25));
            infer(fns.deployed("p", "f").orElseThrow(), 8);
        }
        t.close();
        assertThat(events).hasSize(4 + 0 + 2);
        assertThat(t.stats().dropped()).isZero();
    }

    private static void infer(ServingFunction fn, int n) {
        for (int i = 0; i < n; i++) {
            fn.infer("d", null, doublerRequest("r" + i), fn.now(), System.nanoTime());
        }
    }

    @Test
    void clearErrorsForConflictsUnknownsAndBadModels(@TempDir Path dir) {
        try (Tracker t = Tracker.start(b -> { }, TrackerConfig.defaults());
             ServingFunctions fns = ServingFunctions.open(dir, t, Clock.systemUTC())) {
            fns.create("p", "f", null);
            assertThatThrownBy(() -> fns.create("p", "f", null)).isInstanceOf(ServingException.class)
                    .hasMessageContaining("exists").extracting(e -> ((ServingException) e).status()).isEqualTo(409);
            assertThatThrownBy(() -> fns.deploy("p", "nope")).extracting(e -> ((ServingException) e).status())
                    .isEqualTo(404);
            assertThatThrownBy(() -> fns.deploy("p", "f")).hasMessageContaining("has no models");
            fns.addModel("p", "f", ModelSpec.ofFile("m", null, dir.resolve("missing.onnx").toString()));
            assertThatThrownBy(() -> fns.deploy("p", "f")).isInstanceOf(ServingException.class)
                    .hasMessageContaining("missing.onnx does not exist");
            assertThat(fns.deployed("p", "f")).isEmpty();
            fns.addModel("p", "f", new ModelSpec("m", null, "com.example.Missing", null, Map.of()));
            assertThatThrownBy(() -> fns.deploy("p", "f")).hasMessageContaining("not on the classpath");
            assertThatThrownBy(() -> fns.create("p", "Bad_Name", null)).hasMessageContaining("invalid function name");
            assertThatThrownBy(() -> new TrackingSpec(true, 0)).hasMessageContaining("(0, 1]");
        }
    }
}
