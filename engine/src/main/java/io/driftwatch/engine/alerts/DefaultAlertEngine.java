package io.driftwatch.engine.alerts;

import io.driftwatch.engine.alerts.AlertActivation.Delivery;
import io.driftwatch.engine.alerts.AlertActivation.Status;
import io.driftwatch.engine.alerts.AlertConfig.NotificationSpec;
import io.driftwatch.engine.alerts.AlertConfig.ResetPolicy;
import io.driftwatch.engine.event.EngineEvent;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.AlertStore.ActivationQuery;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.TimeSeriesStore;
import io.driftwatch.engine.secret.SecretBox;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AlertEngine}: configs cached per project, one lock per alert, deliveries on the {@link Dispatcher}. */
final class DefaultAlertEngine implements AlertEngine {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultAlertEngine.class);

    private final AlertStore store;
    private final Clock clock;
    private final Dispatcher dispatcher;
    private final ThresholdEvaluator thresholds;
    private final Map<String, Map<String, AlertConfig>> configs = new ConcurrentHashMap<>();
    private final Map<List<String>, State> states = new ConcurrentHashMap<>();
    private final Object activationLock = new Object();
    private final AtomicLong sequence = new AtomicLong();
    private final OutboundPolicy outbound;
    private final SecretBox secrets;

    /** Runtime state of one alert (guarded by itself). */
    private static final class State {
        final ArrayDeque<EngineEvent> pending = new ArrayDeque<>();
        final Map<Integer, Instant> lastSent = new ConcurrentHashMap<>();
        String activeId;
    }

    DefaultAlertEngine(AlertStore store, ProjectStore projects, EndpointStore endpoints, TimeSeriesStore timeSeries,
                       Clock clock, Options options, Dispatcher dispatcher) {
        this.store = store;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.outbound = options.outbound();
        this.secrets = options.secrets();
        this.thresholds = new ThresholdEvaluator(projects, endpoints, timeSeries, clock, options.evaluationInterval());
    }

    private Map<String, AlertConfig> projectConfigs(String project) {
        return configs.computeIfAbsent(project, p -> {
            Map<String, AlertConfig> m = new ConcurrentHashMap<>();
            for (AlertStore.ConfigRow r : store.configs(p)) {
                m.put(r.name(), StoredSecrets.open(p, r.name(), r.json(), secrets));
            }
            return m;
        });
    }

    private State state(String project, String name) {
        return states.computeIfAbsent(List.of(project, name), k -> {
            State s = new State();
            List<AlertStore.ActivationRow> active = store.activations(
                    new ActivationQuery(project, name, null, true, null, 1));
            s.activeId = active.isEmpty() ? null : active.get(0).id();
            return s;
        });
    }

    @Override
    public AlertConfig put(AlertConfig config) {
        AlertConfig stored = projectConfigs(config.project()).get(config.name());
        AlertConfig c = stored == null ? config : keepSecrets(config, stored);
        checkDestinations(c);
        State s = state(c.project(), c.name());
        synchronized (s) {
            store.putConfig(new AlertStore.ConfigRow(c.project(), c.name(),
                    StoredSecrets.seal(c, secrets), clock.instant()));
            projectConfigs(c.project()).put(c.name(), c);
            s.pending.clear();
            if (!c.enabled()) {
                thresholds.forget(c.project(), c.name());
            }
        }
        return c;
    }

    @Override
    public AlertConfig setEnabled(String project, String name, boolean enabled) {
        AlertConfig c = get(project, name).orElseThrow(() ->
                new NoSuchElementException("alert '" + name + "' not found in project '" + project + "'"));
        return c.enabled() == enabled ? c : put(c.withEnabled(enabled));
    }

    private static AlertConfig keepSecrets(AlertConfig fresh, AlertConfig old) {
        List<NotificationSpec> ns = new ArrayList<>();
        for (int i = 0; i < fresh.notifications().size(); i++) {
            NotificationSpec n = fresh.notifications().get(i);
            if (i < old.notifications().size() && old.notifications().get(i).kind().equals(n.kind())) {
                n = new NotificationSpec(n.kind(), ChannelParams.unmask(n.kind(), n.params(),
                        old.notifications().get(i).params(), "notifications[" + i + "]"), n.cooldown());
            }
            ns.add(n);
        }
        return fresh.withNotifications(ns);
    }

    private void checkDestinations(AlertConfig c) {
        for (int i = 0; i < c.notifications().size(); i++) {
            NotificationSpec n = c.notifications().get(i);
            String key = switch (n.kind()) {
                case "webhook" -> "url";
                case "slack" -> "webhook";
                case "email" -> "host";
                default -> null;
            };
            if (key != null) {
                String value = String.valueOf(n.params().get(key));
                String refusal = "host".equals(key) ? outbound.hostRefusal(value, true)
                        : outbound.refusal(URI.create(value), true);
                if (refusal != null) {
                    throw new InvalidAlertException("notifications[" + i + "].params." + key, refusal);
                }
            }
        }
    }

    @Override
    public Optional<AlertConfig> get(String project, String name) {
        return Optional.ofNullable(projectConfigs(project).get(name));
    }

    @Override
    public List<AlertConfig> list(String project) {
        return new TreeMap<>(projectConfigs(project)).values().stream().toList();
    }

    @Override
    public boolean delete(String project, String name) {
        State s = state(project, name);
        synchronized (s) {
            boolean existed = store.deleteConfig(project, name);
            projectConfigs(project).remove(name);
            resolveActive(project, name, "deleted");
            states.remove(List.of(project, name));
            thresholds.forget(project, name);
            return existed;
        }
    }

    @Override
    public void deleteProject(String project) {
        for (String name : List.copyOf(projectConfigs(project).keySet())) {
            State s = state(project, name);
            synchronized (s) {
                projectConfigs(project).remove(name);
                states.remove(List.of(project, name));
                thresholds.forget(project, name);
            }
        }
        configs.remove(project);
        store.deleteProject(project);
    }

    @Override
    public List<AlertActivation> reset(String project, String name) {
        if (get(project, name).isEmpty()) {
            throw new NoSuchElementException("alert '" + name + "' not found in project '" + project + "'");
        }
        State s = state(project, name);
        synchronized (s) {
            s.pending.clear();
            s.activeId = null;
            return resolveActive(project, name, "manual");
        }
    }

    private List<AlertActivation> resolveActive(String project, String name, String by) {
        List<AlertActivation> out = new ArrayList<>();
        synchronized (activationLock) {
            for (AlertStore.ActivationRow r : store.activations(
                    new ActivationQuery(project, name, null, true, null, 10_000))) {
                AlertActivation a = ActivationJson.read(r.json()).reset(clock.instant(), by);
                save(a);
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public boolean isActive(String project, String name) {
        State s = state(project, name);
        synchronized (s) {
            return s.activeId != null;
        }
    }

    @Override
    public List<AlertActivation> activations(ActivationQuery query) {
        return store.activations(query).stream().map(r -> ActivationJson.read(r.json())).toList();
    }

    @Override
    public Optional<AlertActivation> activation(String project, String id) {
        return store.activation(project, id).map(r -> ActivationJson.read(r.json()));
    }

    @Override
    public void onEvent(EngineEvent event) {
        for (AlertConfig c : projectConfigs(event.project()).values()) {
            if (c.enabled() && c.trigger().events().contains(event.kind())
                    && c.entities().matches(event.entityKind(), event.entityId())) {
                offer(c, event);
            }
        }
    }

    /** Counts one event for one alert; fires it when the criteria are met. */
    void offer(AlertConfig c, EngineEvent event) {
        State s = state(c.project(), c.name());
        synchronized (s) {
            if (projectConfigs(c.project()).get(c.name()) != c || !c.enabled()) {
                return;   // replaced, deleted or disabled meanwhile
            }
            if (s.activeId != null) {
                countIgnored(c.project(), s.activeId);
                return;
            }
            s.pending.addLast(event);
            Instant horizon = event.time().minus(c.criteria().period());
            s.pending.removeIf(e -> !e.time().isAfter(horizon));
            if (s.pending.size() >= c.criteria().count()) {
                List<EngineEvent> events = List.copyOf(s.pending);
                s.pending.clear();
                fire(c, s, events);
            }
        }
    }

    private void countIgnored(String project, String id) {
        synchronized (activationLock) {
            activation(project, id).ifPresent(a -> save(a.ignoring()));
        }
    }

    private void fire(AlertConfig c, State s, List<EngineEvent> events) {
        Instant now = clock.instant();
        List<String> endpoints = endpointsOf(events);
        String summary = Message.render(c.summary(), Message.templateVariables(c, events, endpoints), false);
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < c.notifications().size(); i++) {
            NotificationSpec n = c.notifications().get(i);
            Instant last = s.lastSent.get(i);
            if (last != null && n.cooldown().isPositive() && now.isBefore(last.plus(n.cooldown()))) {
                deliveries.add(new Delivery(i, n.kind(), Status.SKIPPED_COOLDOWN, 0,
                        "cooldown until " + last.plus(n.cooldown()), now));
            } else {
                s.lastSent.put(i, now);
                deliveries.add(new Delivery(i, n.kind(), Status.PENDING, 0, null, null));
            }
        }
        boolean manual = c.resetPolicy() == ResetPolicy.MANUAL;
        EngineEvent last = events.get(events.size() - 1);
        String id = String.format("%d-%04d", now.toEpochMilli(), sequence.incrementAndGet() % 10_000);
        AlertActivation a = AlertActivation.builder().id(id).project(c.project()).alert(c.name())
                .severity(c.severity()).summary(summary).resetPolicy(c.resetPolicy()).entityKind(last.entityKind())
                .entityId(last.entityId()).endpoints(endpoints).time(now).active(manual)
                .resetTime(manual ? null : now).resetBy(manual ? null : "auto").events(events).ignoredEvents(0)
                .notifications(deliveries).build();
        synchronized (activationLock) {
            save(a);
        }
        if (manual) {
            s.activeId = id;
        }
        LOG.info("alert {}/{} fired (activation {}, {} event(s)): {}", c.project(), c.name(), id, events.size(), summary);
        for (Delivery d : deliveries) {
            if (d.status() == Status.PENDING) {
                dispatcher.dispatch(d.index(), d.kind(), new Message(c, a, c.notifications().get(d.index()).params()),
                        update -> record(c.project(), id, update));
            }
        }
    }

    private void record(String project, String id, Delivery d) {
        try {
            synchronized (activationLock) {
                activation(project, id).ifPresent(a -> save(a.withDelivery(d)));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot record notification outcome of activation {}/{}: {}", project, id, e.toString());
        }
    }

    private void save(AlertActivation a) {
        store.putActivation(new AlertStore.ActivationRow(a.project(), a.id(), a.alert(), a.time(), a.active(),
                a.endpoints(), ActivationJson.write(a)));
    }

    /** The endpoint uids of the events: {@code model_endpoint_id} of their value, else the entity id's first part. */
    static List<String> endpointsOf(List<EngineEvent> events) {
        Set<String> out = new LinkedHashSet<>();
        for (EngineEvent e : events) {
            Object uid = e.value().get("model_endpoint_id");
            if (uid instanceof String u && !u.isEmpty()) {
                out.add(u);
            } else if (EngineEvent.ENTITY_RESULT.equals(e.entityKind()) && e.entityId().contains(".")) {
                out.add(e.entityId().substring(0, e.entityId().indexOf('.')));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public int evaluateThresholds() {
        return thresholds.evaluate(this::enabledConfigs, this::offer);
    }

    private List<AlertConfig> enabledConfigs(String project) {
        return projectConfigs(project).values().stream().filter(AlertConfig::enabled).toList();
    }

    @Override
    public void start() {
        thresholds.start(this::enabledConfigs, this::offer);
    }

    @Override
    public void close() {
        thresholds.close();
        dispatcher.close();
    }
}
