/**
 * The REST API of DESIGN.md §10 (the query side of §2, plus the records that set the flow up): projects,
 * models and their training sets (reference statistics), model endpoints, results and metrics, monitoring
 * applications and manual controller runs, alerts, and the serving functions. It reads and writes the stores
 * through {@link io.driftwatch.server.Backend}; events never enter here.
 */
package io.driftwatch.server.api;
