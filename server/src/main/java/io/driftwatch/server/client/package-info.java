/**
 * The Java client of the REST API: a model server or script uses it to send tracking events (the batching
 * {@code Tracker}, the ingest end of the data flow, DESIGN.md §2) and to read and manage projects, models,
 * endpoints and alerts on the query side. Owns the HTTP calls, multipart uploads and client errors.
 */
package io.driftwatch.server.client;
