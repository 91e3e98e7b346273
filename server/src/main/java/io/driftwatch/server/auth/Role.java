package io.driftwatch.server.auth;

import java.util.Arrays;
import java.util.Locale;

/**
 * The role of a per-project access key. {@link #VIEWER} reads; {@link #INGEST} only sends events (ingest, KServe
 * CloudEvents, batch upload, OIP serving) and cannot read data back; {@link #EDITOR} reads and writes (ingest, log
 * models, apps, alerts, serving functions); {@link #ADMIN} also manages credentials, deletes and manages keys.
 */
public enum Role {
    VIEWER, INGEST, EDITOR, ADMIN;

    /** Parses a role name (case-insensitive). @throws IllegalArgumentException naming the valid roles */
    public static Role parse(String s) {
        for (Role r : values()) {
            if (r.value().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("role must be one of " + Arrays.stream(values()).map(Role::value).toList()
                + ", got '" + s + "'");
    }

    /** The lower-case name used in the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a key of this role may call a route that needs {@code need}. */
    public boolean grants(Access need) {
        return switch (need) {
            case OPEN, ANY_KEY -> true;
            case VIEWER -> this != INGEST;
            case INGEST -> this != VIEWER;
            case EDITOR -> this == EDITOR || this == ADMIN;
            case ADMIN -> this == ADMIN;
            case SERVER_ADMIN -> false;
        };
    }
}
