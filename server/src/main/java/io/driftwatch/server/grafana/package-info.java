/**
 * The Grafana datasource (query side of DESIGN.md §2; §10 {@code grafana-proxy/model-endpoints}): the SimpleJson
 * routes the provisioned dashboards query for endpoint tables and time series of predictions, latency, errors,
 * results and metrics, read from the endpoint and time-series stores.
 */
package io.driftwatch.server.grafana;
