package io.driftwatch.engine.alerts;

import io.driftwatch.engine.event.EngineEventListener;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.engine.secret.SecretBox;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert engine (DESIGN.md §9): subscribes to the pipeline's {@link io.driftwatch.engine.event.EngineEvent}s,
 * evaluates operational thresholds periodically, fires alerts and sends notifications.
 *
 * <p>Semantics. An event counts for every alert of its project whose {@code trigger.events} has its kind and whose
 * {@code entities} match it. Each alert keeps the matching events of the last {@code criteria.period} (by event
 * time); when they reach {@code criteria.count} the alert fires: one {@link AlertActivation} is stored with those
 * events and the window starts empty again. {@code auto} reset: the activation is stored already resolved and the
 * alert can fire again at once. {@code manual}: the alert stays active, and matching events are only counted on the
 * activation ({@code ignored_events}), until {@link #reset}. Each activation sends each notification at most once
 * (retries of one delivery are not duplicates); a notification whose {@code cooldown_period} since the last
 * activation sent to it has not elapsed is recorded {@code skipped_cooldown}. Deliveries run on virtual threads:
 * {@link #onEvent} does in-memory work and one store write per firing, never network I/O.
 *
 * <p>Not persisted: the events counted toward a not-yet-fired alert, the cooldown clocks and the threshold
 * evaluator's breach state (after a restart a still-breached threshold raises one new event).
 */
public interface AlertEngine extends EngineEventListener, AutoCloseable {

    /**
     * @param evaluationInterval how often thresholds are evaluated once {@link #start()}ed
     * @param channelTimeout     per-attempt timeout of webhook, Slack and SMTP deliveries
     * @param dispatch           retries and concurrency of deliveries
     * @param console            where console notifications print (besides the log); null = log only
     * @param outbound           where webhook and Slack notifications may go (checked on save and on send)
     * @param secrets            encrypts channel secrets in the alert store ({@link SecretBox#PLAIN}: in clear)
     */
    record Options(Duration evaluationInterval, Duration channelTimeout, Dispatcher.Options dispatch,
                   PrintStream console, OutboundPolicy outbound, SecretBox secrets) {
        /** 1 min evaluation, 10 s channel timeout, default retries, console to stdout, public destinations only. */
        public static Options defaults() {
            return new Options(Duration.ofMinutes(1), Duration.ofSeconds(10), Dispatcher.Options.DEFAULTS, System.out,
                    OutboundPolicy.STRICT, SecretBox.PLAIN);
        }

        public Options withOutbound(OutboundPolicy policy) {
            return new Options(evaluationInterval, channelTimeout, dispatch, console, policy, secrets);
        }

        public Options withSecrets(SecretBox box) {
            return new Options(evaluationInterval, channelTimeout, dispatch, console, outbound, box);
        }

        public Options withDispatch(Dispatcher.Options d) {
            return new Options(evaluationInterval, channelTimeout, d, console, outbound, secrets);
        }

        public Options withChannelTimeout(Duration t) {
            return new Options(evaluationInterval, t, dispatch, console, outbound, secrets);
        }

        public Options withEvaluationInterval(Duration i) {
            return new Options(i, channelTimeout, dispatch, console, outbound, secrets);
        }

        public Options withConsole(PrintStream out) {
            return new Options(evaluationInterval, channelTimeout, dispatch, out, outbound, secrets);
        }
    }

    /** An engine with the four built-in notifiers. */
    static AlertEngine create(AlertStore store, ProjectStore projects, EndpointStore endpoints,
                              TimeSeriesStore timeSeries, Clock clock, Options options) {
        Map<String, Notifier> notifiers = Map.of(
                "console", Notifier.console(options.console()),
                "webhook", Notifier.webhook(options.channelTimeout(), options.outbound()),
                "slack", Notifier.slack(options.channelTimeout(), options.outbound()),
                "email", Notifier.email(options.channelTimeout(), options.outbound()));
        return new DefaultAlertEngine(store, projects, endpoints, timeSeries, clock, options,
                new Dispatcher(notifiers, options.dispatch(), clock));
    }

    /**
     * Creates or replaces an alert. Replacing clears the events counted so far and keeps an active activation
     * active; a secret that reads as the stored one's mask (as GET returns it) keeps the stored secret, unless the
     * destination (webhook URL, Slack webhook, SMTP host) changed. Webhook and Slack URLs must pass the
     * {@link OutboundPolicy}.
     *
     * @throws InvalidAlertException for a refused destination or a masked secret sent to a new destination
     * @return the stored config
     */
    AlertConfig put(AlertConfig config);

    /**
     * Enables or disables an alert, keeping the rest of its config (secrets included) and its activations. A disabled
     * alert ignores every event (they are not counted, not even as {@code ignored_events} of an active activation),
     * its thresholds are not evaluated and it never fires or notifies; the events counted so far are dropped. Enabling
     * starts from an empty window (a threshold still breached raises one new event at the next evaluation). An
     * active activation stays active until reset.
     *
     * @return the stored config (unchanged when it already had that state)
     * @throws java.util.NoSuchElementException if the alert does not exist
     */
    AlertConfig setEnabled(String project, String name, boolean enabled);

    Optional<AlertConfig> get(String project, String name);

    /** The alerts of a project, by name. */
    List<AlertConfig> list(String project);

    /** Deletes the alert; its active activation is resolved ({@code reset_by: deleted}); history stays. */
    boolean delete(String project, String name);

    /** Project deletion: forgets every alert of the project and deletes its configs and activations (history too). */
    void deleteProject(String project);

    /**
     * Resets the alert: its active activation (manual policy) is resolved and the counted events are dropped.
     *
     * @return the activations resolved (empty if none was active)
     * @throws java.util.NoSuchElementException if the alert does not exist
     */
    List<AlertActivation> reset(String project, String name);

    /** True while the alert has an unresolved activation. */
    boolean isActive(String project, String name);

    /** Matching activations, newest first. */
    List<AlertActivation> activations(AlertStore.ActivationQuery query);

    Optional<AlertActivation> activation(String project, String id);

    /** One pass of the threshold evaluator over every project; returns the number of events raised. */
    int evaluateThresholds();

    /** Starts evaluating thresholds every {@code evaluationInterval} (a pass still running is never overlapped). */
    void start();

    /** Stops the evaluator and waits up to 2 s for deliveries in flight. */
    @Override
    void close();
}
