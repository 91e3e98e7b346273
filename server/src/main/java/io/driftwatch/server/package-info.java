/**
 * The {@code driftwatch serve} process: the entry of the data flow (DESIGN.md §2: HTTP ingest, KServe
 * CloudEvents, batch upload into the event stream) and the query side (REST API, Grafana datasource, Prometheus
 * {@code /metrics}, web UI), plus the wiring that composes the stream, processor, stores, controller, apps, writer
 * and alerts into one running pipeline. Owns the HTTP routes, their request validation and the server config.
 */
package io.driftwatch.server;
