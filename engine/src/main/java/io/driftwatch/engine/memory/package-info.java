/**
 * In-memory adapters of the store ports (endpoint, project, time-series, sample store and processor sink), for
 * tests and for running the data flow (DESIGN.md §2) without disk. They keep nothing across restarts and
 * implement the same contracts as the embedded and external stores.
 */
package io.driftwatch.engine.memory;
