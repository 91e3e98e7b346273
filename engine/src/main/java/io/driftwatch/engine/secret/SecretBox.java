package io.driftwatch.engine.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts stored secrets with AES-256-GCM (JDK {@code javax.crypto}): a 96-bit random nonce per value, 128-bit tag,
 * stored as {@code enc:v1:<base64(nonce ‖ ciphertext)>}. Text without that prefix is an old plaintext value and is
 * read as it is (it is encrypted on its next write). {@link #PLAIN} stores in clear (tests, embedded callers that
 * configure nothing).
 */
public final class SecretBox {
    /** The prefix of an encrypted value. */
    public static final String PREFIX = "enc:v1:";
    /** No encryption: values are stored as given; encrypted values cannot be read. */
    public static final SecretBox PLAIN = new SecretBox(null, "no secret key configured");
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String source;

    private SecretBox(SecretKeySpec key, String source) {
        this.key = key;
        this.source = source;
    }

    /**
     * A box over a 32-byte key; {@code source} names where the key came from (shown when a value cannot be
     * decrypted, never the key itself).
     */
    public static SecretBox of(byte[] key, String source) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the secret key from " + source + " must be 32 bytes (base64 of 32"
                    + " random bytes), got " + key.length);
        }
        return new SecretBox(new SecretKeySpec(key.clone(), "AES"), source);
    }

    /** Where the key came from. */
    public String source() {
        return source;
    }

    /** The value encrypted ({@code enc:v1:…}); null stays null, an already encrypted value is kept. */
    public String encrypt(String plain) {
        if (key == null || plain == null || plain.startsWith(PREFIX)) {
            return plain;
        }
        try {
            byte[] nonce = new byte[NONCE];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The clear value: an {@code enc:v1:} value decrypted, anything else as it is (an old plaintext value).
     *
     * @throws IllegalStateException naming the key source when the value was encrypted with another key or damaged
     */
    public String decrypt(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("a stored secret is encrypted but " + source);
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE));
            return new String(c.doFinal(all, NONCE, all.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt a stored secret with the key from " + source
                    + ": wrong key (or damaged value); use the key the secrets were stored with", e);
        }
    }
}
