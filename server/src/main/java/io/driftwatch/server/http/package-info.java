/**
 * What every route shares: the JSON mapper ({@link io.driftwatch.server.http.Json}), the error answer
 * {@code {"error": {"code", "message"}}} and its {@link io.driftwatch.server.http.ApiException},
 * {@link io.driftwatch.server.http.Responses}, query parameters, request bodies (size limit, gzip), durations, and
 * the answer shapes two route packages give alike ({@link io.driftwatch.server.http.FeatureAnalysis}, the per-feature
 * drift table of the REST API and the Grafana tables). It is the bottom of the server's packages: it uses only the
 * model and the engine's ports, never the server's root or another of its packages.
 * No stage of the data flow (DESIGN.md §2) lives here; the ingest, query and UI packages build on it.
 */
package io.driftwatch.server.http;
