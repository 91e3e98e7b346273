package io.driftwatch.server.auth;

import io.driftwatch.engine.secret.SecretBox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Finds the AES-256 key of stored secrets: {@code --secret-key-file} (base64, first line; mode 0600 or stricter,
 * else refused), else {@code DRIFTWATCH_SECRET_KEY} (base64), else {@code {data-dir}/secret.key}, generated once
 * with mode 0600. The key is never logged; errors name only where it came from.
 */
public final class SecretKeys {
    /** The environment variable holding the base64 key. */
    public static final String ENV = "DRIFTWATCH_SECRET_KEY";
    /** The generated key's file name in the data directory. */
    public static final String FILE = "secret.key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private SecretKeys() {
    }

    /** The box of this server's secrets. */
    public static SecretBox load(SecretSettings settings, Map<String, String> env, Path dataDir) throws IOException {
        if (settings.secretKeyFile() != null) {
            Path f = settings.secretKeyFile();
            return read(f, "--secret-key-file " + f.getFileName());
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return SecretBox.of(decode(fromEnv, ENV), ENV);
        }
        Path f = dataDir.resolve(FILE);
        if (!Files.exists(f)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(f, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(f, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
            } catch (FileAlreadyExistsException e) {
                // another process generated it first: use theirs
            }
        }
        return read(f, "{data-dir}/" + FILE);
    }

    private static SecretBox read(Path f, String source) throws IOException {
        if (!Files.isReadable(f)) {
            throw new IllegalStateException("the secret key file of " + source + " cannot be read");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
        if (!OWNER_ONLY.containsAll(perms)) {
            throw new IllegalStateException("refusing the secret key of " + source + ": its mode is "
                    + PosixFilePermissions.toString(perms) + "; make it readable by its owner only (chmod 600)");
        }
        String first = Files.readAllLines(f, StandardCharsets.US_ASCII).stream().findFirst().orElse("");
        return SecretBox.of(decode(first, source), source);
    }

    private static byte[] decode(String text, String source) {
        try {
            return Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret key of " + source + " is not base64 (32 random bytes,"
                    + " e.g. `head -c 32 /dev/urandom | base64`)", e);
        }
    }
}
