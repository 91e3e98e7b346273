package io.driftwatch.server.api;

import io.driftwatch.server.http.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Validation of the connections of {@code set-model-monitoring-credentials} (MLRun's project secrets):
 * {@code stream_path} is {@code embedded} or {@code kafka://host:port} (no topic: topics are per project);
 * {@code tsdb_connection} and {@code endpoint_store_connection} are {@code embedded} or a
 * {@code postgresql://} / {@code mysql://} URI with a host.
 */
final class Credentials {
    static final String STREAM = "stream_path";
    static final String TSDB = "tsdb_connection";
    static final String STORE = "endpoint_store_connection";

    private Credentials() {
    }

    /** The normalised value, or 400 naming the field and what is wrong. */
    static String validate(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is empty");
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("embedded")) {
            return "embedded";
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(field + " is not a valid URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (field.equals(STREAM)) {
            if (!scheme.equals("kafka")) {
                throw ApiException.badRequest(field + " '" + v + "' must be 'embedded' or kafka://host:port");
            }
            requireHost(field, v, uri);
            if (uri.getPort() < 0) {
                throw ApiException.badRequest(field + " '" + v + "' needs a port (kafka://host:port)");
            }
            if ((uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) || uri.getQuery() != null) {
                throw ApiException.badRequest(field + " '" + v + "' must not name a topic: topics are monitoring_stream_{project}");
            }
            return v;
        }
        if (!scheme.equals("postgresql") && !scheme.equals("mysql")) {
            throw ApiException.badRequest(field + " '" + v + "' must be 'embedded', postgresql://… or mysql://…");
        }
        requireHost(field, v, uri);
        return v;
    }

    private static void requireHost(String field, String v, URI uri) {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.badRequest(field + " '" + v + "' has no host");
        }
    }
}
