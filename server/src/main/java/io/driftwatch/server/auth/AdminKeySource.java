package io.driftwatch.server.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The server admin key's current hash, following its source while the server runs: a rotated key (a new hash in
 * {@code {data-dir}/admin-key.hash}, or a new key in {@code --admin-key-file}) is picked up by the next request
 * (the file's modification time and size are compared on every admin-key check), so the old key stops at once.
 * A key from {@code DRIFTWATCH_ADMIN_KEY} is fixed for the process. Thread-safe.
 */
public final class AdminKeySource implements Supplier<String> {
    /** Where the key comes from. */
    public enum Kind { NONE, ENVIRONMENT, KEY_FILE, GENERATED }

    private final Kind kind;
    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(Object stamp, String hash) {
    }

    private AdminKeySource(Kind kind, Path file, String hash) {
        this.kind = kind;
        this.file = file;
        this.loaded = new Loaded(file == null ? null : stamp(file), hash);
    }

    /** The source named by the settings (as {@link AdminKey#hash}; a first start with auth required prints a key). */
    public static AdminKeySource of(SecuritySettings s, Path dataDir, Map<String, String> env, PrintStream out) {
        String hash = AdminKey.hash(s, dataDir, env, out);
        if (s.adminKeyFile() != null) {
            return new AdminKeySource(Kind.KEY_FILE, s.adminKeyFile(), hash);
        }
        String fromEnv = env.get(AdminKey.ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new AdminKeySource(Kind.ENVIRONMENT, null, hash);
        }
        return hash == null ? new AdminKeySource(Kind.NONE, null, null)
                : new AdminKeySource(Kind.GENERATED, dataDir.resolve(AdminKey.HASH_FILE), hash);
    }

    /** A fixed hash (null: no admin key). */
    public static AdminKeySource fixed(String hash) {
        return new AdminKeySource(hash == null ? Kind.NONE : Kind.ENVIRONMENT, null, hash);
    }

    /** Where the key comes from. */
    public Kind kind() {
        return kind;
    }

    /** The current hash (null: no admin key); re-read when the file changed. */
    @Override
    public String get() {
        Loaded l = loaded;
        if (file == null) {
            return l.hash();
        }
        Object now = stamp(file);
        if (Objects.equals(now, l.stamp())) {
            return l.hash();
        }
        return reload(now);
    }

    private synchronized String reload(Object now) {
        if (Objects.equals(now, loaded.stamp())) {
            return loaded.hash();
        }
        String hash;
        try {
            hash = kind == Kind.KEY_FILE ? AdminKey.hashOfKeyFile(file) : Files.readString(file).trim();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            hash = null; // an unreadable, missing or short key: no admin key until it is fixed (fail closed)
        }
        loaded = new Loaded(now, hash);
        return hash;
    }

    /**
     * Replaces a generated admin key: a new key's hash is written to {@code {data-dir}/admin-key.hash} (mode 0600,
     * atomic) and takes effect at once; the key is returned (shown only to the caller).
     *
     * @throws IllegalStateException when the key comes from {@code --admin-key-file} or {@code DRIFTWATCH_ADMIN_KEY}
     *                               (replace that instead) or there is none (auth off)
     */
    public synchronized String rotate() {
        switch (kind) {
            case KEY_FILE -> throw new IllegalStateException("the server admin key comes from --admin-key-file: "
                    + "write a new key of at least 16 characters into that file (it is picked up at once)");
            case ENVIRONMENT -> throw new IllegalStateException("the server admin key comes from "
                    + AdminKey.ENV + ": set a new one and restart the server");
            case NONE -> throw new IllegalStateException("this server has no admin key (auth is off)");
            default -> {
            }
        }
        try {
            String key = AdminKey.newKey();
            String hash = KeyHasher.hash(key);
            AdminKey.writeHash(file, hash);
            loaded = new Loaded(stamp(file), hash);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin key's hash: " + e.getMessage(), e);
        }
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + ":" + a.size() + ":" + a.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }
}
