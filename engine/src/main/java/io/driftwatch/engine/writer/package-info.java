/**
 * The writer stage of the data flow (DESIGN.md §2): stores the applications' results and metrics in the
 * time-series store, updates the endpoint's drift status, and raises the engine events the alerts stage consumes.
 */
package io.driftwatch.engine.writer;
