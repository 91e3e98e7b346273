package io.driftwatch.server.api;

import io.driftwatch.server.http.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validation of the connections of {@code set-model-monitoring-credentials} (MLRun's project secrets), accepting the
 * URL forms MLRun's documentation writes: {@code stream_path} is {@code embedded} or {@code kafka://host:port} (no
 * topic: topics are per project, {@code monitoring_stream_{project}}, or {@code {prefix}{project}} with
 * {@code kafka://host:port?topic_prefix={prefix}}); {@code tsdb_connection} and {@code endpoint_store_connection} are {@code embedded}
 * or a {@code postgresql://} / {@code mysql://} URI with a host, with or without a SQLAlchemy driver suffix
 * ({@code mysql+pymysql://}, {@code postgresql+psycopg://}, …). MLRun's Iguazio and TDEngine forms ({@code v3io},
 * {@code taosws://}) are refused with a message naming what to use instead. Values are stored as given; every
 * message and every answer shows them {@link #mask masked} ({@code user:***@host}), never with the password.
 */
final class Credentials {
    static final String STREAM = "stream_path";
    static final String TSDB = "tsdb_connection";
    static final String STORE = "endpoint_store_connection";
    /** The credential fields, in answer order. */
    static final List<String> FIELDS = List.of(STREAM, TSDB, STORE);
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*):[^@]*@");
    private static final Pattern TOPIC_PREFIX = Pattern.compile("topic_prefix=[A-Za-z0-9._-]{1,200}");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)((?:password|passwd|pwd)=)[^&]*");
    private static final String SQL_FORMS = "'embedded', postgresql://user:password@host:port/db or "
            + "mysql://user:password@host:port/db (a driver suffix such as postgresql+psycopg:// or "
            + "mysql+pymysql:// is accepted)";

    private Credentials() {
    }

    /** The value with any password replaced by {@code ***} ({@code user:***@host}, {@code password=***}). */
    static String mask(String value) {
        if (value == null) {
            return null;
        }
        String v = USER_INFO.matcher(value).replaceAll("$1:***@");
        return PASSWORD_PARAM.matcher(v).replaceAll("$1***");
    }

    /** The credentials of a project with every value masked, in field order. */
    static Map<String, String> masked(Map<String, String> credentials) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            if (credentials.containsKey(f)) {
                out.put(f, mask(credentials.get(f)));
            }
        }
        return out;
    }

    /** The value as stored (trimmed; {@code embedded} lower-cased), or 400 naming the field and what is wrong. */
    static String validate(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is empty");
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("embedded")) {
            return "embedded";
        }
        String shown = field + " '" + mask(v) + "'";
        URI uri = parse(v, shown);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        refuseUnsupported(field, shown, v, scheme);
        if (field.equals(STREAM)) {
            return kafka(shown, v, uri, scheme);
        }
        String dialect = scheme.contains("+") ? scheme.substring(0, scheme.indexOf('+')) : scheme;
        if (!dialect.equals("postgresql") && !dialect.equals("postgres") && !dialect.equals("mysql")) {
            throw ApiException.badRequest(shown + " must be " + SQL_FORMS);
        }
        requireHost(shown, uri);
        return v;
    }

    private static URI parse(String v, String shown) {
        try {
            return new URI(v);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest(shown + " is not a valid URI (" + e.getReason() + " at index "
                    + e.getIndex() + "); URL-encode special characters of the password");
        }
    }

    private static void refuseUnsupported(String field, String shown, String v, String scheme) {
        String instead = field.equals(STREAM) ? "'embedded' or kafka://host:port" : SQL_FORMS;
        if (v.equalsIgnoreCase("v3io") || scheme.equals("v3io")) {
            throw ApiException.badRequest(shown + ": v3io (Iguazio) is not supported by Driftwatch; use " + instead);
        }
        if (scheme.startsWith("taos")) {
            throw ApiException.badRequest(shown + ": TDEngine (taosws://) is not supported by Driftwatch; use "
                    + instead + " (time series go to the embedded store or to PostgreSQL/TimescaleDB)");
        }
        if (v.equalsIgnoreCase("sqlite") || scheme.startsWith("sqlite")) {
            throw ApiException.badRequest(shown + ": sqlite is not supported by Driftwatch; use " + instead
                    + " ('embedded' is the local single-file store)");
        }
    }

    private static String kafka(String shown, String v, URI uri, String scheme) {
        if (!scheme.equals("kafka")) {
            throw ApiException.badRequest(shown + " must be 'embedded' or kafka://host:port");
        }
        requireHost(shown, uri);
        if (uri.getPort() < 0) {
            throw ApiException.badRequest(shown + " needs a port (kafka://host:port)");
        }
        if ((uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))
                || (uri.getQuery() != null && !TOPIC_PREFIX.matcher(uri.getQuery()).matches())) {
            throw ApiException.badRequest(shown + " must not name a topic: topics are monitoring_stream_{project}, "
                    + "or {prefix}{project} with kafka://host:port?topic_prefix={prefix} ([A-Za-z0-9._-], 1-200)");
        }
        return v;
    }

    private static void requireHost(String shown, URI uri) {
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ApiException.badRequest(shown + " has no host");
        }
    }
}
