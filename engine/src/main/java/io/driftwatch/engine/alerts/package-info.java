/**
 * The alerts stage, last in the data flow (DESIGN.md §2): turns engine events from the writer and the threshold
 * evaluator into alert activations per alert config. Owns the alert config and activation records, their stored
 * JSON forms ({@code AlertConfigJson}, {@code ActivationJson}), the alert engine, the threshold metrics and the
 * in-memory alert store; notifications are sent by {@code alerts.notify}.
 */
package io.driftwatch.engine.alerts;
