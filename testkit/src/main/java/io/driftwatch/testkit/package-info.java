/**
 * The compatibility kit: abstract JUnit 5 contract tests for every port of the data flow (DESIGN.md §2) — the
 * event stream between ingest and the stream processor, the processor sink, the endpoint, project, sample,
 * time-series, alert and artifact stores, and monitoring applications. An adapter's test extends the contract and
 * supplies a fresh instance; the contract asserts the promises written in the port's Javadoc.
 * {@link io.driftwatch.testkit.TestData} holds the realistic records they use.
 */
package io.driftwatch.testkit;
