/**
 * The Java client: the first stage of the data flow (DESIGN.md §2, "model server / SDK").
 *
 * <p>{@link io.driftwatch.client.DriftwatchClient} sends tracking events to the server's HTTP ingest
 * and calls the query API (projects, models, endpoints, results, alerts); {@link io.driftwatch.client.Tracker}
 * batches a model server's events before they go out. It needs Jackson and the JDK HTTP client only, so a
 * model server that sends events pulls in none of the server's dependencies.
 */
package io.driftwatch.client;
