package io.driftwatch.engine.port;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.engine.json.EndpointJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The version of an endpoint record's reference part: its labels, spec and reference statistics
 * ({@code feature_stats}) — what an app reads of the record besides the window. A content hash (the first 128 bits
 * of SHA-256 over their JSON), so equal parts have equal versions in every process; stores keep it beside the record
 * (computed when the part changes, carried over otherwise: {@link #sameReference}) and the controller caches the
 * records it read by it.
 */
public final class ReferenceVersion {
    private ReferenceVersion() {
    }

    /** The version of the record's reference part (32 hex digits). */
    public static String of(ModelEndpoint e) {
        ModelEndpoint bare = new ModelEndpoint(e.metadata(), e.spec(), ModelEndpoint.Status.builder().build());
        MessageDigest sha = sha256();
        sha.update(EndpointJson.write(bare).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(EndpointJson.writeStats(e.status().featureStats()).getBytes(StandardCharsets.UTF_8));
        byte[] d = sha.digest();
        return HexFormat.of().formatHex(d, 0, 16);
    }

    /**
     * The hex SHA-256 (64 digits) of a JSON text: the key under which the stores keep reference statistics once per
     * distinct content ({@code reference_stats}, of {@code EndpointJson.writeStats}).
     */
    public static String contentHash(String json) {
        return HexFormat.of().formatHex(sha256().digest(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether the two records have the same labels, spec and reference statistics (so the same version). */
    public static boolean sameReference(ModelEndpoint a, ModelEndpoint b) {
        return Objects.equals(a.metadata(), b.metadata()) && Objects.equals(a.spec(), b.spec())
                && Objects.equals(a.status().featureStats(), b.status().featureStats());
    }

    /** {@code known} when {@code after}'s reference part equals {@code before}'s and {@code known} is set, else computed. */
    public static String carriedOver(ModelEndpoint before, String known, ModelEndpoint after) {
        return known != null && before != null && sameReference(before, after) ? known : of(after);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
