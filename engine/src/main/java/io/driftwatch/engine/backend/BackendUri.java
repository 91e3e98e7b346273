package io.driftwatch.engine.backend;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backend setting, parsed and normalised in one place. Forms:
 * <ul>
 *   <li>empty or {@code embedded}: scheme {@code embedded}, no path (the adapter's default under the data dir);</li>
 *   <li>a plain path ({@code /var/dw/stream}, {@code data/log}) or {@code file:} URI: scheme {@code file} with
 *       {@link #path()};</li>
 *   <li>MLRun's forms: {@code mysql+pymysql://} → {@code mysql}; {@code postgresql+psycopg://},
 *       {@code postgresql+psycopg2://}, {@code postgres://} → {@code postgresql};
 *       {@code kafka://host:port[,host:port]}; any other {@code scheme://…} is kept with its scheme lower-cased.</li>
 * </ul>
 * {@link #toString()} and every message masks the password ({@code user:***@host}, {@code password=***}).
 */
public final class BackendUri {
    /** The scheme of the embedded default. */
    public static final String EMBEDDED = "embedded";
    /** The scheme of plain paths and {@code file:} URIs. */
    public static final String FILE = "file";
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*):");
    private static final Pattern USER_PASSWORD = Pattern.compile("(://[^/@:?#]*:)[^@/?#]*@");
    private static final Pattern QUERY_SECRET =
            Pattern.compile("(?i)([?&;](?:password|passwd|pwd|secret|secret_key|secret_access_key|token)=)[^&;]*");

    private final String scheme;
    private final String value;
    private final URI uri;
    private final Path path;

    private BackendUri(String scheme, String value, URI uri, Path path) {
        this.scheme = scheme;
        this.value = value;
        this.uri = uri;
        this.path = path;
    }

    /**
     * Parses a setting.
     *
     * @throws IllegalArgumentException for a malformed URI (the message shows it masked)
     */
    public static BackendUri parse(String raw) {
        String v = raw == null ? "" : raw.trim();
        if (v.isEmpty() || v.equalsIgnoreCase(EMBEDDED)) {
            return new BackendUri(EMBEDDED, EMBEDDED, null, null);
        }
        Matcher m = SCHEME.matcher(v);
        if (!m.find() || m.group(1).length() == 1) {
            return new BackendUri(FILE, v, null, Path.of(v));
        }
        String scheme = normalise(m.group(1).toLowerCase(Locale.ROOT));
        String value = scheme + v.substring(m.end(1));
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + mask(v) + "' is not a valid URI: " + mask(e.getReason()), e);
        }
        return new BackendUri(scheme, value, uri, scheme.equals(FILE) ? filePath(uri) : null);
    }

    private static String normalise(String scheme) {
        if (scheme.startsWith("mysql+") || scheme.equals("mariadb")) {
            return "mysql";
        }
        if (scheme.startsWith("postgresql+") || scheme.equals("postgres")) {
            return "postgresql";
        }
        return scheme;
    }

    private static Path filePath(URI uri) {
        return uri.isOpaque() ? Path.of(uri.getSchemeSpecificPart()) : Path.of(uri.getPath());
    }

    /** {@code text} with the password of any {@code user:password@} and of secret query parameters masked. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_PASSWORD.matcher(text).replaceAll("$1***@");
        return QUERY_SECRET.matcher(masked).replaceAll("$1***");
    }

    /** The normalised scheme: {@code embedded}, {@code file}, {@code kafka}, {@code postgresql}, {@code mysql}, … */
    public String scheme() {
        return scheme;
    }

    /** True for the embedded default (an empty value or {@code embedded}). */
    public boolean isDefault() {
        return scheme.equals(EMBEDDED);
    }

    /** The path of a plain path or {@code file:} URI. */
    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    /** The parsed URI with the normalised scheme (empty for the embedded default and plain paths). */
    public Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    /** The normalised value, password included: for adapters that connect, never for messages. */
    public String secretValue() {
        return value;
    }

    /** The normalised value with the password masked. */
    @Override
    public String toString() {
        return mask(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendUri b && b.value.equals(value) && b.scheme.equals(scheme);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
