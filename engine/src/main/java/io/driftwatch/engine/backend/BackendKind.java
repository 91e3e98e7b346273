package io.driftwatch.engine.backend;

import java.util.Locale;

/** The four backend settings, each a configuration key and a {@code DRIFTWATCH_*} environment variable. */
public enum BackendKind {
    /** The event stream: ingest appends, the stream processor reads. */
    STREAM("stream-path"),
    /** The time-series store: predictions, errors, app results and metrics. */
    TSDB("tsdb-connection"),
    /** The endpoint store: projects, models, endpoint records, alerts. */
    ENDPOINT_STORE("endpoint-store-connection"),
    /** The object store of the Parquet samples (and the artifacts). */
    PARQUET("parquet-path");

    private final String key;

    BackendKind(String key) {
        this.key = key;
    }

    /** The configuration key and flag name without dashes, e.g. {@code stream-path}. */
    public String key() {
        return key;
    }

    /** The environment variable, e.g. {@code DRIFTWATCH_STREAM_PATH}. */
    public String envVar() {
        return "DRIFTWATCH_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
