package io.driftwatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The identity of a model endpoint (DESIGN.md §4). */
public final class EndpointId {
    private EndpointId() {
    }

    /**
     * The endpoint uid: sha1 hex of {@code "{project}_{function}_{tag or N/A}_{model}_{version or latest}"}.
     *
     * @param functionUri {@code project/function[:tag]} or {@code function[:tag]}
     */
    public static String of(String project, String functionUri, String model, String version) {
        String fn = functionUri.contains("/") ? functionUri.substring(functionUri.indexOf('/') + 1) : functionUri;
        String tag = "N/A";
        int colon = fn.indexOf(':');
        if (colon >= 0) {
            tag = fn.substring(colon + 1);
            fn = fn.substring(0, colon);
        }
        String ver = version == null || version.isBlank() ? "latest" : version;
        return sha1(project + "_" + fn + "_" + tag + "_" + model + "_" + ver);
    }

    static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
