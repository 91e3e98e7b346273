package io.driftwatch.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.server.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Class probabilities and labels for {@link MonitoredServer}'s iris events, so that the built-in model-performance
 * app has realized metrics (labelled events), estimates (probabilities and a scored validation set) and coverage.
 * Deterministic from the row number: the predicted class gets a confidence in [0.6, 0.95), the others share the rest;
 * the label is the prediction unless a second hash falls above the confidence (then the next class).
 */
final class ScoredIris {
    static final String APP = "model-performance";

    private ScoredIris() {
    }

    private static double confidence(int n) {
        return 0.6 + 0.35 * Math.floorMod(n * 37, 100) / 100.0;
    }

    private static int label(int n, int pred) {
        return Math.floorMod(n * 53 + 11, 100) / 100.0 < confidence(n) ? pred : (pred + 1) % 3;
    }

    private static ArrayNode outputs(ArrayNode into, int n, int pred) {
        double c = confidence(n);
        double[] p = new double[3];
        p[pred] = c;
        p[(pred + 1) % 3] = (1 - c) / 2;
        p[(pred + 2) % 3] = (1 - c) / 2;
        return into.add(pred).add(p[0]).add(p[1]).add(p[2]);
    }

    /** Rewrites the event's outputs (one prediction per row) as [prediction, p0, p1, p2] and adds y_true if asked. */
    static ObjectNode score(ObjectNode event, int i, boolean labelled) {
        ArrayNode outputs = (ArrayNode) event.path("resp").path("outputs");
        List<Integer> preds = new ArrayList<>();
        outputs.forEach(o -> preds.add(o.asInt()));
        outputs.removeAll();
        ArrayNode labels = Json.MAPPER.createArrayNode();
        for (int r = 0; r < preds.size(); r++) {
            int n = i * 2 + r;
            outputs(outputs.addArray(), n, preds.get(r));
            labels.add(label(n, preds.get(r)));
        }
        if (labelled) {
            event.set("y_true", labels);
        }
        return event;
    }

    /** The endpoint record to create before the first event: outputs label, p0, p1, p2. */
    static ObjectNode endpoint(String uid, String model, String function) {
        ObjectNode body = Json.object();
        body.putObject("metadata").put("uid", uid);
        ObjectNode spec = body.putObject("spec").put("model", model).put("function_uri", function)
                .put("model_class", "SKLearnModel").put("monitoring_mode", "enabled");
        List.of("label", "p0", "p1", "p2").forEach(spec.putArray("label_names")::add);
        return body;
    }

    /** 900 scored validation rows (label, p0..p2, y_true) as NDJSON. */
    static Path writeReference(Path file) {
        List<String> lines = new ArrayList<>();
        for (int n = 0; n < 900; n++) {
            int pred = n % 3;
            ArrayNode o = outputs(Json.MAPPER.createArrayNode(), 100_000 + n, pred);
            lines.add(Json.object().put("label", pred).put("p0", o.get(1).asDouble()).put("p1", o.get(2).asDouble())
                    .put("p2", o.get(3).asDouble()).put("y_true", label(100_000 + n, pred)).toString());
        }
        try {
            Files.write(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> params(Path reference) {
        return Map.of("probability_columns", "p0,p1,p2", "reference_path", reference.toAbsolutePath().toString(),
                "min_rows", "20");
    }
}
