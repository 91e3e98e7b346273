/**
 * The doors events come in by (DESIGN.md §2, first stage): HTTP ingest of tracking events
 * ({@code POST …/model-monitoring/stream}, served by {@link io.driftwatch.server.ingest.IngestHandler} in front of
 * Javalin), the KServe payload-logger CloudEvents (request and response paired into one event), the batch upload of
 * historical predictions, and the sink that delivers the serving layer's tracked requests. Each turns what it
 * receives into tracking events and appends them to the event stream; the stream processor takes over from there.
 */
package io.driftwatch.server.ingest;
