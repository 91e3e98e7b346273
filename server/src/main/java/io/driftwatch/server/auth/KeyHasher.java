package io.driftwatch.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Generates access keys and hashes them with the JDK's PBKDF2WithHmacSHA256. A key is {@code dw_<id>_<secret>}:
 * a 12-hex-digit public id (also its visible prefix {@code dw_<id>}) and 32 random bytes in base64url. A stored hash
 * is {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64url). The secrets have 256 bits of entropy, so the
 * iterations guard only against a weak admin key chosen by hand (DRIFTWATCH_ADMIN_KEY).
 */
public final class KeyHasher {
    /** The prefix of every generated key. */
    public static final String KEY_PREFIX = "dw_";
    private static final int ITERATIONS = 20_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private KeyHasher() {
    }

    /** A new random public id: 12 hex digits. */
    public static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A new key for the public id {@code id}. */
    public static String newKey(String id) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return KEY_PREFIX + id + "_" + B64.encodeToString(secret);
    }

    /** The public id of a generated key, or null when {@code key} does not have that form. */
    public static String idOf(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX) || key.length() < KEY_PREFIX.length() + 14
                || key.charAt(KEY_PREFIX.length() + 12) != '_') {
            return null;
        }
        String id = key.substring(KEY_PREFIX.length(), KEY_PREFIX.length() + 12);
        return id.chars().allMatch(c -> Character.digit(c, 16) >= 0 && !Character.isUpperCase(c)) ? id : null;
    }

    /** The salted hash of {@code key}. */
    public static String hash(String key) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(derive(key, salt, ITERATIONS));
    }

    /** True when {@code key} matches {@code stored} (a {@link #hash} result); false for a malformed hash. */
    public static boolean matches(String key, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !"pbkdf2-sha256".equals(parts[0])) {
            return false;
        }
        try {
            byte[] expected = B64D.decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(key, B64D.decode(parts[2]), Integer.parseInt(parts[1])));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(String key, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(key.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }
}
