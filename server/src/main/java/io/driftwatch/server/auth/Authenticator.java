package io.driftwatch.server.auth;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AccessKeyStore.KeyRow;
import io.driftwatch.server.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds who calls from {@code Authorization: Bearer <key>} or MLRun's {@code X-V3io-Session-Key: <key>} and decides
 * whether that caller may call a route (401 without or with an unknown key, 403 with a key of another project or a
 * weaker role). Project keys are looked up by their public id in the {@link AccessKeyStore} on every request, so a
 * revoked key stops working at once on every server sharing the store; the PBKDF2 check is done once per key and
 * process (the verified key's SHA-256 is remembered with the hash it matched). The web UI's {@link Sessions} live in
 * the same store; failed authentications are throttled per client address ({@link AuthThrottle}).
 */
public final class Authenticator {
    /** MLRun's access-key header. */
    public static final String SESSION_KEY_HEADER = "X-V3io-Session-Key";
    private static final int CACHE_LIMIT = 10_000;

    private final boolean required;
    private final AccessKeyStore keys;
    private final AdminKeySource adminKey;
    private final Clock clock;
    private final Map<String, String> verified = new ConcurrentHashMap<>();
    private final Sessions sessions;
    private final AuthThrottle throttle;

    /**
     * @param required  whether calls need a key
     * @param keys      the per-project keys
     * @param adminHash the server admin key's hash (null: none)
     */
    public Authenticator(boolean required, AccessKeyStore keys, String adminHash, Clock clock) {
        this(required, keys, adminHash, clock, AuthThrottle.Limits.DEFAULT);
    }

    /** As above, with failed authentications throttled per address by {@code limits}. */
    public Authenticator(boolean required, AccessKeyStore keys, String adminHash, Clock clock,
                         AuthThrottle.Limits limits) {
        this(required, keys, AdminKeySource.fixed(adminHash), adminHash, clock, limits);
    }

    /** As above, with the admin key's hash followed from its source (a rotated admin key works at once). */
    public Authenticator(boolean required, AccessKeyStore keys, AdminKeySource adminKey, Clock clock) {
        this(required, keys, adminKey, adminKey.get(), clock, AuthThrottle.Limits.DEFAULT);
    }

    /**
     * As above; {@code adminFingerprint} ({@link AdminKey#fingerprint}) binds the server admin's UI sessions to the
     * admin key the same way on every server sharing the key store.
     */
    public Authenticator(boolean required, AccessKeyStore keys, AdminKeySource adminKey, String adminFingerprint,
                         Clock clock, AuthThrottle.Limits limits) {
        this.required = required;
        this.keys = keys;
        this.adminKey = adminKey;
        this.clock = clock;
        this.sessions = new Sessions(keys, adminKey.get() == null ? null : adminFingerprint, clock);
        this.throttle = new AuthThrottle(limits, clock);
    }

    /** True when calls need a key. */
    public boolean required() {
        return required;
    }

    /**
     * Checks a call of a route of {@code project} (null: no project) that needs {@code need}, from a client that
     * sent {@code authorization} and {@code sessionKey} headers only (no cookie, address unknown).
     *
     * @return the caller ({@link Principal#LOCAL} when auth is off; null for an open route called without a key)
     * @throws ApiException 401 or 403
     */
    public Principal check(Access need, String project, String authorization, String sessionKey) {
        return check(need, project, new Call(authorization, sessionKey, null, null, false, null));
    }

    /**
     * What a request presents: its key headers, the UI's session cookie and CSRF header, whether it changes state,
     * and the client's address (for {@link AuthThrottle}).
     */
    public record Call(String authorization, String sessionKey, String cookie, String csrf, boolean stateChanging,
                       String remote) {
        /** The key sent by header (Bearer first), or null. */
        public String headerKey() {
            return presented(authorization, sessionKey);
        }

        /** True when the session cookie is what authenticates this call (no key by header). */
        public boolean bySession() {
            return headerKey() == null && cookie != null && !cookie.isBlank();
        }
    }

    /**
     * Checks {@code call} of a route of {@code project} (null: no project) that needs {@code need}. A key by header
     * comes first; else the UI's session cookie, which on a state-changing call also needs the session's CSRF token
     * in {@value SessionRoutes#CSRF_HEADER}. Addresses with too many failed authentications get 429.
     *
     * @return the caller ({@link Principal#LOCAL} when auth is off; null for an open route called without a key)
     * @throws ApiException 401, 403 or 429
     */
    public Principal check(Access need, String project, Call call) {
        if (!required) {
            return Principal.LOCAL;
        }
        boolean bySession = call.bySession() && need != Access.OPEN;
        String key = call.headerKey();
        if (key == null && !bySession) {
            if (need == Access.OPEN) {
                return null;
            }
            throw new ApiException(401, "unauthorized", "this route needs an access key: send 'Authorization: "
                    + "Bearer <key>' or '" + SESSION_KEY_HEADER + ": <key>'");
        }
        throttle.admit(call.remote());
        Principal p = bySession ? sessionPrincipal(call) : principal(key).orElse(null);
        if (p == null) {
            throttle.failed(call.remote());
            throw bySession ? new ApiException(401, "unauthorized", "the session has ended (logged out, older than "
                    + Sessions.MAX_AGE.toHours() + " h, or its key was revoked): log in again")
                    : new ApiException(401, "unauthorized", "unknown or revoked access key");
        }
        if (!p.allows(need, project)) {
            throw new ApiException(403, "forbidden", "the " + p.role().value() + " key " + KeyHasher.KEY_PREFIX
                    + p.keyId() + " of project '" + p.project() + "' may not call this route (needs "
                    + need.name().toLowerCase(Locale.ROOT) + (project == null ? "" : " of project '" + project + "'")
                    + ")");
        }
        return p;
    }

    private Principal sessionPrincipal(Call call) {
        Sessions.Session s = sessions.find(call.cookie()).orElse(null);
        if (s != null && call.stateChanging() && !Sessions.csrfMatches(s, call.csrf())) {
            throw new ApiException(403, "forbidden", "a call authenticated by the session cookie that changes "
                    + "state needs the header " + SessionRoutes.CSRF_HEADER + " with the session's CSRF token "
                    + "(the 'csrf' of POST or GET " + SessionRoutes.PATH + ")");
        }
        return s == null ? null : s.principal();
    }

    /** The session of a cookie value, if live. */
    public Optional<Sessions.Session> session(String cookie) {
        return cookie == null ? Optional.empty() : sessions.find(cookie);
    }

    /** Opens a session for {@code p} (the holder of a valid key). */
    public Sessions.Opened openSession(Principal p) {
        return sessions.open(p);
    }

    /** Ends a session on every server sharing the key store. */
    public void closeSession(Sessions.Session s) {
        sessions.close(s);
    }

    /** The failed-authentication throttle (for {@code /metrics} and the login route). */
    public AuthThrottle throttle() {
        return throttle;
    }

    /** The caller holding {@code key}, if it is the admin key or a live project key. */
    public Optional<Principal> principal(String key) {
        String id = KeyHasher.idOf(key);
        if (id != null) {
            return keys.key(id).filter(row -> matches(key, row.hash()))
                    .map(row -> new Principal(row.project(), Role.parse(row.role()), row.id()));
        }
        String adminHash = adminKey.get();
        return adminHash != null && matches(key, adminHash) ? Optional.of(Principal.serverAdmin()) : Optional.empty();
    }

    /** A new key of {@code project} with {@code role}: its row is stored (hash only), the key returned once. */
    public Created create(String project, Role role) {
        String id = KeyHasher.newId();
        String key = KeyHasher.newKey(id);
        KeyRow row = new KeyRow(id, project, role.value(), KeyHasher.hash(key), clock.instant());
        keys.addKey(row);
        return new Created(row, key);
    }

    /** The keys of {@code project} (hashes included: never answer them). */
    public List<KeyRow> keys(String project) {
        return keys.keys(project).stream().filter(k -> !Sessions.isSession(k)).toList();
    }

    /** Revokes a key of {@code project}; false if it has none with this id. */
    public boolean revoke(String project, String id) {
        boolean revoked = keys.key(id).filter(k -> !Sessions.isSession(k)).isPresent() && keys.deleteKey(project, id);
        if (revoked) {
            sessions.closeAll(project, id);
        }
        return revoked;
    }

    /**
     * Replaces the key {@code id} of {@code project} by a new key with the same role: the new key is stored, then the
     * old one deleted, so the old key stops at once and the new one works from this answer on.
     *
     * @return the new key, or empty when the project has no key with this id (also when it was revoked meanwhile)
     */
    public Optional<Created> rotate(String project, String id) {
        Optional<KeyRow> old = keys.key(id).filter(k -> k.project().equals(project) && !Sessions.isSession(k));
        if (old.isEmpty()) {
            return Optional.empty();
        }
        Created fresh = create(project, Role.parse(old.get().role()));
        if (!keys.deleteKey(project, id)) {
            keys.deleteKey(project, fresh.row().id());
            return Optional.empty();
        }
        sessions.closeAll(project, id);
        return Optional.of(fresh);
    }

    /** Replaces the generated server admin key (see {@link AdminKeySource#rotate}); returns the new key. */
    public String rotateAdminKey() {
        return adminKey.rotate();
    }

    /** A created key: its stored row and the key itself (shown once). */
    public record Created(KeyRow row, String key) {
    }

    private boolean matches(String key, String hash) {
        String digest = sha256(key);
        if (hash.equals(verified.get(digest))) {
            return true;
        }
        if (!KeyHasher.matches(key, hash)) {
            return false;
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(digest, hash);
        return true;
    }

    private static String presented(String authorization, String sessionKey) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String k = authorization.substring(7).trim();
            return k.isEmpty() ? null : k;
        }
        return sessionKey == null || sessionKey.isBlank() ? null : sessionKey.trim();
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
