package io.driftwatch.server.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * Where the server admin key's hash comes from: {@code --admin-key-file} (its first line), else the environment
 * variable {@code DRIFTWATCH_ADMIN_KEY}, else — with auth required — the hash kept in
 * {@code {data-dir}/admin-key.hash} (mode 0600), generated on the first start together with a key that is printed
 * once and never stored in clear. With auth off and no key given there is no admin key (every call is allowed).
 */
public final class AdminKey {
    /** The environment variable holding the admin key. */
    public static final String ENV = "DRIFTWATCH_ADMIN_KEY";
    /** The file under the data directory keeping the generated key's hash. */
    public static final String HASH_FILE = "admin-key.hash";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminKey() {
    }

    /**
     * The admin key's hash, or null when there is none.
     *
     * @param out where a generated key is printed (once)
     */
    public static String hash(SecuritySettings s, Path dataDir, Map<String, String> env, PrintStream out) {
        try {
            if (s.adminKeyFile() != null) {
                return hashOfKeyFile(s.adminKeyFile());
            }
            String fromEnv = env.get(ENV);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return KeyHasher.hash(fromEnv.trim());
            }
            return s.authRequired() ? storedOrGenerated(dataDir.resolve(HASH_FILE), out) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin key: " + e.getMessage(), e);
        }
    }

    /**
     * A value that is the same for the same admin key on every server and at every start, or null when there is no
     * admin key: it binds the server admin's UI sessions to the key ({@link Sessions}), where the salted
     * {@link #hash} differs per start. A key given by file or environment yields a PBKDF2 of it under a fixed salt;
     * a generated key, its stored hash.
     */
    public static String fingerprint(SecuritySettings s, Path dataDir, Map<String, String> env) {
        try {
            String key = s.adminKeyFile() != null
                    ? Files.readAllLines(s.adminKeyFile()).stream().findFirst().orElse("").trim()
                    : env.getOrDefault(ENV, "").trim();
            if (!key.isEmpty()) {
                return "key:" + Sessions.fixedHash(key);
            }
            Path file = dataDir.resolve(HASH_FILE);
            return Files.exists(file) ? "hash:" + Files.readString(file).trim() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the admin key: " + e.getMessage(), e);
        }
    }

    /** The hash of the key on the first line of {@code file} (at least 16 characters). */
    static String hashOfKeyFile(Path file) throws IOException {
        String key = Files.readAllLines(file).stream().findFirst().orElse("").trim();
        if (key.length() < 16) {
            throw new IllegalArgumentException("admin key file " + file + " must hold a key of at least 16 characters");
        }
        return KeyHasher.hash(key);
    }

    /** A new random admin key ({@code dwa_} and 32 random bytes in base64url). */
    static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "dwa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Writes {@code hash} to {@code file} (mode 0600) through a temporary file moved over it. */
    static void writeHash(Path file, String hash) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(HASH_FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, hash + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String storedOrGenerated(Path file, PrintStream out) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String key = newKey();
        String hash = KeyHasher.hash(key);
        writeHash(file, hash);
        out.println("driftwatch: generated the server admin key (shown only now; only its hash is kept in "
                + file.getFileName() + "):");
        out.println("  " + key);
        out.flush();
        return hash;
    }
}
