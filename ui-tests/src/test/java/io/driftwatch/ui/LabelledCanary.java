package io.driftwatch.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The canary endpoint's model outputs and ground truth for the Performance tab: each row's output is the predicted
 * iris class plus the probabilities {@code p0, p1, p2} (the predicted class gets a confidence in [0.6, 0.95], the
 * rest is split between the other two), and its label agrees with the prediction with probability = the confidence
 * (a calibrated model) — except in the degraded window, where it agrees {@value #DEGRADED_DROP} less often (a concept
 * shift CBPE cannot see). Labels go inline ({@code y_true}): window 0 every row, window 1 every second row (coverage
 * 50 %), window 2 none (an estimate only). The reference (validation set) is {@value #REFERENCE_ROWS} rows of the
 * calibrated process, as NDJSON for {@code reference_path}. Seeded: the same data every run.
 */
final class LabelledCanary {
    static final String APP = "model-performance";
    static final List<String> OUTPUTS = List.of("label", "p0", "p1", "p2");
    static final int DEGRADED_WINDOW = 1;
    static final double DEGRADED_DROP = 0.3;
    static final int REFERENCE_ROWS = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Random random = new Random(20);

    /** Replaces the event's outputs by [prediction, p0, p1, p2] and adds its label as the window says. */
    void label(ObjectNode event, int window, int row) {
        ArrayNode outputs = (ArrayNode) event.path("resp").path("outputs");
        int pred = outputs.get(0).asInt();
        double[] p = probabilities(pred);
        int label = label(pred, p, window == DEGRADED_WINDOW ? DEGRADED_DROP : 0);
        outputs.removeAll();
        outputs.addArray().add(pred).add(p[0]).add(p[1]).add(p[2]);
        if (window == 0 || (window == 1 && row % 2 == 0)) {
            event.put("y_true", label);
        }
    }

    /** Outputs [prediction, p0, p1, p2] for an unlabelled event (the live one). */
    void outputsOnly(ObjectNode event) {
        ArrayNode outputs = (ArrayNode) event.path("resp").path("outputs");
        int pred = outputs.get(0).asInt();
        double[] p = probabilities(pred);
        outputs.removeAll();
        outputs.addArray().add(pred).add(p[0]).add(p[1]).add(p[2]);
    }

    private double[] probabilities(int pred) {
        double conf = Math.round((0.6 + 0.35 * random.nextDouble()) * 1e4) / 1e4;
        double share = Math.round((1 - conf) * random.nextDouble() * 1e4) / 1e4;
        double[] p = new double[3];
        p[pred] = conf;
        p[(pred + 1) % 3] = share;
        p[(pred + 2) % 3] = Math.round((1 - conf - share) * 1e4) / 1e4;
        return p;
    }

    private int label(int pred, double[] p, double drop) {
        double u = random.nextDouble();
        if (u < p[pred] - drop) {
            return pred;
        }
        int a = (pred + 1) % 3;
        int b = (pred + 2) % 3;
        return random.nextDouble() * (p[a] + p[b]) < p[a] ? a : b;
    }

    /** Writes the reference rows (label, p0..p2, y_true) to {@code file}, predictions spread over the classes. */
    Path writeReference(Path file) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < REFERENCE_ROWS; i++) {
            int pred = i % 3;
            double[] p = probabilities(pred);
            int label = label(pred, p, 0);
            lines.add(JSON.valueToTree(Map.of("label", pred, "p0", p[0], "p1", p[1], "p2", p[2], "y_true", label))
                    .toString());
        }
        try {
            Files.write(file, lines);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app's params: probabilities, the reference, verdicts from 50 rows on. */
    static Map<String, String> params(Path reference) {
        return Map.of("probability_columns", "p0,p1,p2", "reference_path", reference.toAbsolutePath().toString(),
                "min_rows", "50");
    }
}
