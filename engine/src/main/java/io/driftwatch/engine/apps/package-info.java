/**
 * The applications stage of the data flow (DESIGN.md §2): runs each monitoring application (the built-in
 * histogram-data-drift and user apps) on the window tasks the controller plans, with the window's samples read
 * from the sample store, and hands the validated results and metrics to the writer. Owns the application
 * registry, the runner, the window context given to apps, and their failure accounting.
 */
package io.driftwatch.engine.apps;
