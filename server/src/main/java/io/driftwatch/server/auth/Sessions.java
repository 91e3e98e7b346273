package io.driftwatch.server.auth;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AccessKeyStore.KeyRow;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The web UI's server-side sessions (issue 18 pt 2). A login with a key stores a session row in the same
 * {@link AccessKeyStore} as the keys — so every server sharing the store honours it and a logout ends it everywhere
 * — and answers a cookie {@code <session id>.<secret>}: the key itself never goes into the cookie. The row holds the
 * SHA-256 of the secret (the secret has 256 bits of entropy) and names the key it was opened with: a session is
 * valid only while that key is (a revoked key ends its sessions at once) and for at most {@link #MAX_AGE}. A
 * session of the server admin key is bound to the admin key's fingerprint (another admin key ends it). The CSRF token of a
 * session is an HMAC of its id under its secret: the server recomputes it from the cookie, nothing else is stored.
 *
 * <p>Row layout: {@code id} = {@code ses_<24 hex>}, {@code project} = the key's project ({@code *} for the server
 * admin), {@code role} = {@code session:<role>:<key id>} ({@code session:admin:@<admin hash fingerprint>}),
 * {@code hash} = {@code sha256$<hex>}, {@code created} = the login time.
 */
public final class Sessions {
    /** How long a session lasts after its login. */
    public static final Duration MAX_AGE = Duration.ofHours(12);
    static final String ROLE_PREFIX = "session:";
    private static final String ID_PREFIX = "ses_";
    private static final String ALL_PROJECTS = "*";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final AccessKeyStore keys;
    private final String adminFingerprint;
    private final Clock clock;

    /**
     * Sessions kept in {@code keys}; {@code adminFingerprint} identifies the server admin key the same way on every
     * server and start ({@link AdminKey#fingerprint}; null: no admin key, no admin sessions).
     */
    Sessions(AccessKeyStore keys, String adminFingerprint, Clock clock) {
        this.keys = keys;
        this.adminFingerprint = adminFingerprint == null ? null : "@" + sha256(adminFingerprint).substring(0, 16);
        this.clock = clock;
    }

    /** PBKDF2 of {@code key} under a fixed salt (the same on every server): hex of 16 bytes. */
    static String fixedHash(String key) {
        try {
            javax.crypto.spec.PBEKeySpec spec = new javax.crypto.spec.PBEKeySpec(key.toCharArray(),
                    "driftwatch-admin-session".getBytes(StandardCharsets.US_ASCII), 20_000, 128);
            return HexFormat.of().formatHex(javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec).getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    /** A live session: who it acts for, its id and its CSRF token. */
    public record Session(String id, Principal principal, String csrf) {
    }

    /** An opened session: the cookie value to set, and the session. */
    public record Opened(String cookie, Session session) {
    }

    /** True when {@code row} is a session, not an access key (listings leave sessions out). */
    static boolean isSession(KeyRow row) {
        return row.role().startsWith(ROLE_PREFIX);
    }

    /** Opens a session for the holder of a valid key, {@code p}. */
    Opened open(Principal p) {
        if (p.allProjects() && adminFingerprint == null) {
            throw new IllegalStateException("no server admin key to bind a session to");
        }
        byte[] idBytes = new byte[12];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secret);
        String id = ID_PREFIX + HexFormat.of().formatHex(idBytes);
        String parent = p.allProjects() ? adminFingerprint : p.keyId();
        keys.addKey(new KeyRow(id, p.allProjects() ? ALL_PROJECTS : p.project(),
                ROLE_PREFIX + p.role().value() + ":" + parent, "sha256$" + sha256(secret), clock.instant()));
        String secretText = B64.encodeToString(secret);
        return new Opened(id + "." + secretText, new Session(id, p, csrf(id, secret)));
    }

    /** The live session of a cookie value, if it names one whose secret matches and whose key is still valid. */
    Optional<Session> find(String cookie) {
        Cookie c = Cookie.parse(cookie);
        if (c == null) {
            return Optional.empty();
        }
        Optional<KeyRow> row = keys.key(c.id).filter(Sessions::isSession)
                .filter(r -> MessageDigest.isEqual(r.hash().getBytes(StandardCharsets.US_ASCII),
                        ("sha256$" + sha256(c.secret)).getBytes(StandardCharsets.US_ASCII)));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (clock.instant().isAfter(row.get().created().plus(MAX_AGE))) {
            keys.deleteKey(row.get().project(), c.id);
            return Optional.empty();
        }
        return principal(row.get()).map(p -> new Session(c.id, p, csrf(c.id, c.secret)));
    }

    /** Ends the session of {@code s} for every server sharing the store. */
    void close(Session s) {
        keys.deleteKey(s.principal().allProjects() ? ALL_PROJECTS : s.principal().project(), s.id());
    }

    /** Deletes the sessions opened with the key {@code keyId} of {@code project} and the expired ones there. */
    void closeAll(String project, String keyId) {
        for (KeyRow r : keys.keys(project)) {
            if (isSession(r) && (r.role().endsWith(":" + keyId)
                    || clock.instant().isAfter(r.created().plus(MAX_AGE)))) {
                keys.deleteKey(project, r.id());
            }
        }
    }

    /** True when {@code token} is the CSRF token of {@code s} (constant-time). */
    static boolean csrfMatches(Session s, String token) {
        return token != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII),
                token.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private Optional<Principal> principal(KeyRow session) {
        String[] parts = session.role().split(":", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Role role = Role.parse(parts[1]);
        if (parts[2].startsWith("@")) {
            return parts[2].equals(adminFingerprint) ? Optional.of(Principal.serverAdmin()) : Optional.empty();
        }
        return keys.key(parts[2]).filter(k -> !isSession(k) && k.project().equals(session.project())
                        && k.role().equals(role.value()))
                .map(k -> new Principal(k.project(), role, k.id()));
    }

    private static String csrf(String id, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(("csrf:" + id).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A cookie value {@code ses_<24 hex>.<base64url secret>}. */
    private record Cookie(String id, byte[] secret) {
        static Cookie parse(String value) {
            String v = value == null ? "" : value.trim();
            int dot = v.indexOf('.');
            if (dot != ID_PREFIX.length() + 24 || !v.startsWith(ID_PREFIX)
                    || !v.substring(ID_PREFIX.length(), dot).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            try {
                byte[] secret = Base64.getUrlDecoder().decode(v.substring(dot + 1));
                return secret.length == 32 ? new Cookie(v.substring(0, dot), secret) : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
