package io.driftwatch.server.routing;

import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendUris;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The backend settings a project is served from: the server's settings with each credential the project names in
 * place of the server's ({@code stream_path} → stream, {@code tsdb_connection} → tsdb,
 * {@code endpoint_store_connection} → endpoint store; {@code embedded} is the embedded default). A credential the
 * project does not name keeps the server's setting.
 */
final class CredentialUris {
    static final String STREAM = "stream_path";
    static final String TSDB = "tsdb_connection";
    static final String STORE = "endpoint_store_connection";
    private static final Map<String, BackendKind> KINDS = Map.of(STREAM, BackendKind.STREAM, TSDB, BackendKind.TSDB,
            STORE, BackendKind.ENDPOINT_STORE);

    private CredentialUris() {
    }

    /** The settings of a project with {@code credentials}; equal to {@code server} when they change nothing. */
    static BackendUris of(BackendUris server, Map<String, String> credentials) {
        BackendUris uris = server;
        for (Map.Entry<String, BackendKind> k : KINDS.entrySet()) {
            String v = credentials.get(k.getKey());
            if (v != null && !v.isBlank()) {
                uris = uris.with(k.getValue(), v.trim().equalsIgnoreCase("embedded") ? null : v.trim());
            }
        }
        return uris;
    }

    /**
     * The settings a set is opened with: {@code uris} with a {@code --parquet-path} other than the embedded default
     * moved to its sub-folder (prefix) {@code credential-sets/{id}}, so that the set's sample files and stored
     * offsets never mix with the server's or another set's (the embedded default is already the set's directory).
     */
    static BackendUris isolated(BackendUris uris, String id) {
        String parquet = uris.raw(BackendKind.PARQUET);
        if (parquet == null || parquet.equalsIgnoreCase("embedded")) {
            return uris;
        }
        String base = parquet.endsWith("/") ? parquet.substring(0, parquet.length() - 1) : parquet;
        return uris.with(BackendKind.PARQUET, base + "/credential-sets/" + id);
    }

    /**
     * A stable directory name of a credential set (16 hex digits of the SHA-256 of its settings, passwords included,
     * so a password never appears in a path): its embedded parts (a log, Parquet files, artifacts, a DuckDB file)
     * live in {@code {data-dir}/credential-sets/{id}}.
     */
    static String id(BackendUris uris) {
        StringBuilder sb = new StringBuilder();
        for (BackendKind k : BackendKind.values()) {
            sb.append(k.key()).append('=').append(uris.raw(k)).append('\n');
        }
        uris.options().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
