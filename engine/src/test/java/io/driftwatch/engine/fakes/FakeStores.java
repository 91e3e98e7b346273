package io.driftwatch.engine.fakes;

import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.MonitoringMode;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.apps.SampleFrames;
import io.driftwatch.engine.port.EndpointFilter;
import io.driftwatch.engine.port.EndpointStore;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.engine.port.ProjectStore;
import io.driftwatch.engine.port.SampleStore;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Minimal in-memory stores for the controller/app/writer tests (until the engine's memory adapters land). */
public final class FakeStores {
    private FakeStores() {
    }

    public static ModelEndpoint endpoint(String project, String uid, FeatureStats ref, List<String> features,
                                         List<String> labels, Instant first, Instant last) {
        var spec = new ModelEndpoint.Spec(project + "/serving", "model", null, "cls", null, features, labels, null,
                MonitoringMode.ENABLED, true);
        var status = new ModelEndpoint.Status(ref, null, first, last, 0, null, null, null);
        return new ModelEndpoint(new ModelEndpoint.Metadata(project, uid, Map.of()), spec, status);
    }

    /** Projects, settings and app registrations. */
    public static final class Projects implements ProjectStore {
        private final Map<String, ProjectRecords.MonitoringSettings> settings = new ConcurrentHashMap<>();
        private final Map<String, Map<String, ProjectRecords.AppRegistration>> apps = new ConcurrentHashMap<>();
        private final List<String> names = new CopyOnWriteArrayList<>();

        public Projects enable(String project, Duration basePeriod) {
            createProject(project);
            putMonitoringSettings(new ProjectRecords.MonitoringSettings(project, true, basePeriod, Map.of()));
            return this;
        }

        @Override public boolean createProject(String name) {
            if (names.contains(name)) {
                return false;
            }
            return names.add(name);
        }
        @Override public boolean projectExists(String name) { return names.contains(name); }
        @Override public List<String> projects() { return List.copyOf(names); }
        @Override public void putModel(ProjectRecords.ModelRecord model) { throw new UnsupportedOperationException(); }
        @Override public Optional<ProjectRecords.ModelRecord> model(String p, String n, String v) { return Optional.empty(); }
        @Override public List<ProjectRecords.ModelRecord> models(String project) { return List.of(); }
        @Override public Optional<ProjectRecords.MonitoringSettings> monitoringSettings(String project) {
            return Optional.ofNullable(settings.get(project));
        }
        @Override public void putMonitoringSettings(ProjectRecords.MonitoringSettings s) { settings.put(s.project(), s); }
        @Override public void putApplication(ProjectRecords.AppRegistration app) {
            apps.computeIfAbsent(app.project(), k -> new TreeMap<>()).put(app.name(), app);
        }
        @Override public boolean deleteApplication(String project, String name) {
            return apps.getOrDefault(project, new TreeMap<>()).remove(name) != null;
        }
        @Override public List<ProjectRecords.AppRegistration> applications(String project) {
            return List.copyOf(apps.getOrDefault(project, Map.of()).values());
        }
    }

    /** Endpoint records and the last_analyzed schedule. */
    public static final class Endpoints implements EndpointStore {
        private final Map<String, ModelEndpoint> records = new ConcurrentHashMap<>();
        private final Map<String, Instant> analyzed = new ConcurrentHashMap<>();

        @Override public Optional<ModelEndpoint> get(String project, String uid) {
            return Optional.ofNullable(records.get(project + "/" + uid));
        }
        @Override public List<ModelEndpoint> list(String project, EndpointFilter filter) {
            return records.values().stream().filter(e -> e.project().equals(project))
                    .sorted(Comparator.comparing(ModelEndpoint::uid)).toList();
        }
        @Override public void put(ModelEndpoint endpoint) { records.put(endpoint.project() + "/" + endpoint.uid(), endpoint); }
        @Override public boolean delete(String project, String uid) { return records.remove(project + "/" + uid) != null; }
        @Override public synchronized Optional<ModelEndpoint> update(String project, String uid,
                java.util.function.UnaryOperator<ModelEndpoint> change) {
            ModelEndpoint cur = records.get(project + "/" + uid);
            if (cur == null) {
                return Optional.empty();
            }
            ModelEndpoint next = change.apply(cur);
            put(next);
            return Optional.of(next);
        }
        @Override public Optional<Instant> lastAnalyzed(String project, String uid, String application) {
            return Optional.ofNullable(analyzed.get(project + "/" + uid + "/" + application));
        }
        @Override public Optional<Instant> lastAnalyzedAny(String project, String uid) {
            String prefix = project + "/" + uid + "/";
            return analyzed.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .map(Map.Entry::getValue).max(Instant::compareTo);
        }
        @Override public void setLastAnalyzed(String project, String uid, String application, Instant windowEnd) {
            analyzed.put(project + "/" + uid + "/" + application, windowEnd);
        }
    }

    /** Rows kept in memory; counts reads. */
    public static final class Samples implements SampleStore {
        private final List<SampleRow> rows = new CopyOnWriteArrayList<>();
        public final AtomicInteger reads = new AtomicInteger();

        public void add(String project, String uid, Instant ts, Map<String, Object> values) {
            rows.add(new SampleRow(project, uid, ts, "r" + rows.size(), 1000, values, Map.of()));
        }

        @Override public void write(List<SampleRow> batch, long nextOffset) { rows.addAll(batch); }
        @Override public long storedOffset() { return 0; }
        @Override public SampleFrame read(String project, String uid, Window window) {
            reads.incrementAndGet();
            List<Map<String, Object>> values = new ArrayList<>();
            List<Instant> ts = new ArrayList<>();
            for (SampleRow r : rows) {
                if (r.project().equals(project) && r.uid().equals(uid) && window.contains(r.timestamp())) {
                    values.add(r.values());
                    ts.add(r.timestamp());
                }
            }
            return SampleFrames.ofRows(values, ts);
        }
        @Override public void export(String p, String u, Instant s, Instant e, String f, OutputStream out) {
            throw new UnsupportedOperationException();
        }
        @Override public void deleteEndpoint(String project, String uid) { rows.removeIf(r -> r.uid().equals(uid)); }
    }
}
