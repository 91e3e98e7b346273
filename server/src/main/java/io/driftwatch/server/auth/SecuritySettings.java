package io.driftwatch.server.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The security settings of {@code driftwatch serve}.
 *
 * @param bind         the address the server listens on (default {@code 127.0.0.1})
 * @param auth         whether requests need an access key (default {@link AuthMode#OFF}, allowed on loopback only)
 * @param insecure     allows {@link AuthMode#OFF} on a non-loopback address (explicit opt-in)
 * @param adminKeyFile a file holding the server admin key (else {@code DRIFTWATCH_ADMIN_KEY}, else one is
 *                     generated and printed once on the first start with auth required); may be null
 * @param openMetrics  {@code /metrics} answers without a key even with auth required (its series name every
 *                     project's endpoints; default false: the server admin key only). With auth off everything is open.
 * @param tlsCert      PEM certificate chain (server certificate first); with {@code tlsKey} the port serves HTTPS only;
 *                     may be null
 * @param tlsKey       PEM PKCS#8 private key (RSA or EC) of {@code tlsCert}; given together with it or not at all
 * @param closedHealth {@code /health/live} and {@code /health/ready} need a key (any valid one) with auth required;
 *                     default false: open, for probes of an orchestrator or a load balancer
 */
public record SecuritySettings(String bind, AuthMode auth, boolean insecure, Path adminKeyFile, boolean openMetrics,
                               Path tlsCert, Path tlsKey, boolean closedHealth) {
    /** The default bind address: loopback only. */
    public static final String DEFAULT_BIND = "127.0.0.1";

    public SecuritySettings {
        Objects.requireNonNull(auth, "auth");
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("bind must be an address, got '" + bind + "'");
        }
        bind = bind.trim();
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key (config keys tls-cert, tls-key) go together: "
                    + "got only " + (tlsCert == null ? "--tls-key" : "--tls-cert"));
        }
    }

    /** The security settings without TLS. */
    public SecuritySettings(String bind, AuthMode auth, boolean insecure, Path adminKeyFile, boolean openMetrics) {
        this(bind, auth, insecure, adminKeyFile, openMetrics, null, null, false);
    }

    /** The security settings with open health routes. */
    public SecuritySettings(String bind, AuthMode auth, boolean insecure, Path adminKeyFile, boolean openMetrics,
                            Path tlsCert, Path tlsKey) {
        this(bind, auth, insecure, adminKeyFile, openMetrics, tlsCert, tlsKey, false);
    }

    public SecuritySettings withClosedHealth(boolean closed) {
        return new SecuritySettings(bind, auth, insecure, adminKeyFile, openMetrics, tlsCert, tlsKey, closed);
    }

    /** True when the port serves HTTPS only. */
    public boolean tls() {
        return tlsCert != null;
    }

    /** Loopback, auth off: the local demo. */
    public static SecuritySettings defaults() {
        return new SecuritySettings(DEFAULT_BIND, AuthMode.OFF, false, null, false);
    }

    /** True when {@link #bind} resolves to a loopback address (127.0.0.0/8, ::1, localhost). */
    public boolean loopback() {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind address '" + bind + "' does not resolve", e);
        }
    }

    /** True when requests must carry a key. */
    public boolean authRequired() {
        return auth == AuthMode.REQUIRED;
    }

    /**
     * Refuses a server that anybody on the network could use without a key.
     *
     * @throws IllegalStateException when bound to a non-loopback address with auth off and not {@link #insecure}
     */
    public void requireSafe() {
        if (!authRequired() && !insecure && !loopback()) {
            throw new IllegalStateException("refusing to listen on " + bind + " with --auth off: anybody on the "
                    + "network could read and change every project; use --auth required (or --insecure to "
                    + "accept that explicitly)");
        }
    }

    public SecuritySettings withBind(String b) {
        return new SecuritySettings(b, auth, insecure, adminKeyFile, openMetrics, tlsCert, tlsKey, closedHealth);
    }

    public SecuritySettings withAuth(AuthMode a) {
        return new SecuritySettings(bind, a, insecure, adminKeyFile, openMetrics, tlsCert, tlsKey, closedHealth);
    }

    public SecuritySettings withInsecure(boolean i) {
        return new SecuritySettings(bind, auth, i, adminKeyFile, openMetrics, tlsCert, tlsKey, closedHealth);
    }

    public SecuritySettings withOpenMetrics(boolean open) {
        return new SecuritySettings(bind, auth, insecure, adminKeyFile, open, tlsCert, tlsKey, closedHealth);
    }

    public SecuritySettings withAdminKeyFile(Path f) {
        return new SecuritySettings(bind, auth, insecure, f, openMetrics, tlsCert, tlsKey, closedHealth);
    }

    /** A copy with TLS from the PEM files {@code cert} and {@code key} (both null: no TLS). */
    public SecuritySettings withTls(Path cert, Path key) {
        return new SecuritySettings(bind, auth, insecure, adminKeyFile, openMetrics, cert, key, closedHealth);
    }
}
