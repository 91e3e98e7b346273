/**
 * Example monitoring applications (applications stage, DESIGN.md §2) that show the user-app contract of
 * {@code io.driftwatch.MonitoringApplication}; not registered by default.
 */
package io.driftwatch.engine.apps.examples;
