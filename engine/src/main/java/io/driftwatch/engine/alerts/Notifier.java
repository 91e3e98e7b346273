package io.driftwatch.engine.alerts;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Sends one notification over one channel kind. {@link #send} blocks until the channel accepted the message or
 * failed (each implementation bounds that with its own timeouts); a thrown exception makes the dispatcher retry.
 * Implementations are thread-safe.
 */
public interface Notifier {
    /** The kind in alert configs: console, webhook, slack or email. */
    String kind();

    /** @throws Exception when the channel did not accept the message (it is retried) */
    void send(Message message) throws Exception;

    /** Prints each notification as one line to {@code out}; with null, logs it (slf4j, {@code io.driftwatch.alerts}). */
    static Notifier console(PrintStream out) {
        return new ConsoleNotifier(out);
    }

    /** HTTP webhooks with the given request timeout (connect timeout: the same, at most 5 s), public hosts only. */
    static Notifier webhook(Duration timeout) {
        return webhook(timeout, OutboundPolicy.STRICT);
    }

    /** HTTP webhooks to destinations {@code policy} allows. */
    static Notifier webhook(Duration timeout, OutboundPolicy policy) {
        return new WebhookNotifier(timeout, policy);
    }

    /** Slack incoming webhooks (JSON with blocks), public hosts only. */
    static Notifier slack(Duration timeout) {
        return slack(timeout, OutboundPolicy.STRICT);
    }

    /** Slack incoming webhooks to destinations {@code policy} allows. */
    static Notifier slack(Duration timeout, OutboundPolicy policy) {
        return new SlackNotifier(timeout, policy);
    }

    /** SMTP through Jakarta Mail (Angus) with STARTTLS and authentication; connect/read/write timeouts. */
    static Notifier email(Duration timeout) {
        return email(timeout, OutboundPolicy.STRICT);
    }

    /** SMTP to hosts {@code policy} allows. */
    static Notifier email(Duration timeout, OutboundPolicy policy) {
        return new EmailNotifier(timeout, policy);
    }
}
