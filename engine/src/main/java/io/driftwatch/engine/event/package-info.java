/**
 * Engine events between the writer and the alerts stage (DESIGN.md §2): drift detected or suspected on a result,
 * an application failed. Owns the event record, the listener interface and the publisher that isolates
 * listener failures from the stage that raised the event.
 */
package io.driftwatch.engine.event;
