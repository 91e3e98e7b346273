/**
 * Threads for the background stages of the data flow (DESIGN.md §2: stream processor, sample writes, controller
 * runs), with an optional lower scheduling priority so that they do not delay ingest and the query side.
 */
package io.driftwatch.concurrent;
