package io.driftwatch.server.auth;

import java.nio.file.Path;
import java.util.List;

/**
 * Where alert notifications may go and where the key encrypting stored secrets comes from.
 *
 * @param allowOutbound CIDR ranges of internal addresses webhook and Slack notifications may still reach
 *                      ({@code --allow-outbound}, repeatable; config key {@code allow-outbound}, comma-separated);
 *                      empty = public destinations only
 * @param secretKeyFile a file holding the base64 AES-256 key of stored secrets (mode 0600; {@code --secret-key-file});
 *                      null = {@code DRIFTWATCH_SECRET_KEY}, else {@code {data-dir}/secret.key} (generated once)
 */
public record SecretSettings(List<String> allowOutbound, Path secretKeyFile) {
    public SecretSettings {
        allowOutbound = List.copyOf(allowOutbound);
    }

    /** Public destinations only, key from the environment or the data directory. */
    public static SecretSettings defaults() {
        return new SecretSettings(List.of(), null);
    }
}
