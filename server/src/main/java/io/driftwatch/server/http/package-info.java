/**
 * What every route shares: the JSON mapper ({@link io.driftwatch.server.http.Json}), the error answer
 * {@code {"error": {"code", "message"}}} and its {@link io.driftwatch.server.http.ApiException},
 * {@link io.driftwatch.server.http.Responses}, query parameters, request bodies (size limit, gzip) and durations.
 * No stage of the data flow (DESIGN.md §2) lives here; the ingest, query and UI packages build on it.
 */
package io.driftwatch.server.http;
