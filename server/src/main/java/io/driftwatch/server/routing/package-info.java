/**
 * Per-project backends (issue 16 point 6, MLRun's {@code set_model_monitoring_credentials}): a project whose
 * credentials name other backends ({@code stream_path}, {@code tsdb_connection}, {@code endpoint_store_connection})
 * is served from them. {@link io.driftwatch.server.routing.ProjectRouting} opens one set of backends and one stream
 * processor per distinct credential set, lazily, and the routing decorators of the store ports dispatch each call by
 * its project. Depends on the engine only (not on the server's root or concern packages).
 */
package io.driftwatch.server.routing;
