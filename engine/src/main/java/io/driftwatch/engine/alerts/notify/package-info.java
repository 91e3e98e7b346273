/**
 * Notification channels of the alerts stage (DESIGN.md §2, after the alert engine): console, webhook, Slack and
 * email notifiers, their parameters, validation and masking, and the dispatcher that delivers an activation with
 * retries and cooldowns off the alert engine's thread.
 */
package io.driftwatch.engine.alerts.notify;
