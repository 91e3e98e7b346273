package io.driftwatch;

import java.util.List;
import java.util.Optional;

/** Everything a {@link MonitoringApplication} may read about one endpoint-window (DESIGN.md §8). */
public interface MonitoringContext {
    String applicationName();

    String project();

    /** The endpoint record as of the start of the run. */
    ModelEndpoint endpoint();

    /** The analysed window {@code [start, end)} in event time. */
    Window window();

    /** The window's rows, loaded lazily on first use. */
    SampleFrame sampleFrame();

    /** The endpoint's reference statistics with histograms padded to 22 bins (§6); empty when unknown. */
    FeatureStats featureStats();

    /** The window's statistics, histograms on the reference's padded edges (§6). */
    FeatureStats sampleStats();

    List<String> featureNames();

    List<String> labelNames();

    System.Logger logger();

    /** The scored validation set logged with the endpoint's model, if any (issue 20); empty by default. */
    default Optional<ValidationSet> validationSet() {
        return Optional.empty();
    }

    /**
     * Stores an artifact of this app for this endpoint-window (e.g. an HTML drift table), retrievable through the API.
     *
     * @param name        matches {@code [a-zA-Z0-9_.-]+}
     * @param contentType a MIME type such as {@code application/json} or {@code text/html}
     */
    void logArtifact(String name, String contentType, byte[] content);
}
