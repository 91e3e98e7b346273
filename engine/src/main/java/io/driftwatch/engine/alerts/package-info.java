/**
 * The alerts stage, last in the data flow (DESIGN.md §2): turns engine events from the writer and the threshold
 * evaluator into alert activations per alert config, and sends their notifications (console, webhook, Slack,
 * email) through the {@code Dispatcher}. Owns the alert config and activation records, their stored JSON forms
 * ({@code AlertConfigJson}, {@code ActivationJson}), the alert engine, the threshold metrics and the notifiers.
 * The in-memory alert store lives in {@code engine.memory}.
 */
package io.driftwatch.engine.alerts;
