/**
 * Authentication and authorization of the REST API (issue 18): the security settings of {@code driftwatch serve}
 * ({@code --bind}, {@code --auth}, {@code --insecure}), access keys and their hashes, the server admin key, and the
 * one table that maps every route (method + pattern) to the role it needs. Every request passes here before it
 * reaches a route of {@code server.api}, {@code server.ingest}, {@code server.grafana} or {@code server.ui}: the
 * Javalin before-handler of {@code AccessGuard} and the ingest fast path both ask
 * {@code Authenticator}.
 */
package io.driftwatch.server.auth;
