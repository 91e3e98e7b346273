package io.driftwatch.server.auth;

/** What a route needs from the caller's key ({@link RoutePolicy} maps every route to one). */
public enum Access {
    /** No key (health, the UI's static files, {@code /metrics} on loopback). */
    OPEN,
    /** Any valid key, of any project; the route answers only what that key may see. */
    ANY_KEY,
    /** Reading a project: viewer, editor or admin of it. */
    VIEWER,
    /** Sending events to a project: ingest, editor or admin of it. */
    INGEST,
    /** Changing a project: editor or admin of it. */
    EDITOR,
    /** Credentials, deletion, keys of a project: admin of it. */
    ADMIN,
    /** Server-wide operations (creating projects, server-wide metrics): the server admin key only. */
    SERVER_ADMIN
}
