package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.FeatureStats;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.ProjectRecords.ModelRecord;
import io.driftwatch.engine.port.ProjectRecords.MonitoringSettings;
import io.driftwatch.engine.port.ProjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ProjectStore} must have. Subclass it and implement {@link #createStore()};
 * override {@link #reopen} when the store is durable.
 */
public abstract class ProjectStoreContract {
    protected ProjectStore store;

    /** A new, empty store. */
    protected abstract ProjectStore createStore() throws Exception;

    /** The same data opened again; in-memory stores return it as is. */
    protected ProjectStore reopen(ProjectStore old) throws Exception {
        return old;
    }

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    static ModelRecord model(String project, String name, String version, Instant created) {
        return new ModelRecord(project, name, version, "sklearn", "y", "/models/" + name + "-" + version + ".onnx",
                List.of("x", "color"), List.of("y"), TestData.featureStats(), created);
    }

    /** Projects. */
    @Nested
    class Projects {
        @Test
        void createProjectIsIdempotentAndListed() throws Exception {
            assertThat(store.projectExists("p1")).isFalse();
            assertThat(store.createProject("p1")).isTrue();
            assertThat(store.createProject("p1")).isFalse();
            assertThat(store.createProject("p0")).isTrue();
            store = reopen(store);
            assertThat(store.projectExists("p1")).isTrue();
            assertThat(store.projects()).containsExactlyInAnyOrder("p0", "p1");
        }
    }

    /** Logged models. */
    @Nested
    class Models {
        @Test
        void modelRoundTripsAndLatestIsTheNewest() throws Exception {
            store.createProject("p1");
            ModelRecord v1 = model("p1", "churn", "1", T0);
            ModelRecord v2 = model("p1", "churn", "2", T0.plusSeconds(60));
            store.putModel(v2);
            store.putModel(v1);
            store.putModel(model("p2", "churn", "9", T0.plusSeconds(999)));
            store = reopen(store);
            assertThat(store.model("p1", "churn", "1")).contains(v1);
            assertThat(store.model("p1", "churn", null)).contains(v2);
            assertThat(store.model("p1", "churn", "3")).isEmpty();
            assertThat(store.model("p1", "other", null)).isEmpty();
            assertThat(store.models("p1")).containsExactlyInAnyOrder(v1, v2);
        }

        @Test
        void putModelReplacesTheSameVersion() {
            store.createProject("p1");
            store.putModel(model("p1", "churn", "1", T0));
            ModelRecord replaced = new ModelRecord("p1", "churn", "1", "xgboost", null, null, List.of("a"), List.of(),
                    FeatureStats.empty(), T0.plusSeconds(1));
            store.putModel(replaced);
            assertThat(store.model("p1", "churn", "1")).contains(replaced);
            assertThat(store.models("p1")).containsExactly(replaced);
        }
    }

    /** Monitoring settings. */
    @Nested
    class Settings {
        @Test
        void monitoringSettingsRoundTrip() throws Exception {
            store.createProject("p1");
            assertThat(store.monitoringSettings("p1")).isEmpty();
            MonitoringSettings s = new MonitoringSettings("p1", true, Duration.ofMinutes(10),
                    Map.of("stream_path", "kafka://localhost:9092", "tsdb_connection", "embedded"));
            store.putMonitoringSettings(s);
            MonitoringSettings off = new MonitoringSettings("p1", false, Duration.ofSeconds(30), Map.of());
            store.putMonitoringSettings(off);
            store = reopen(store);
            assertThat(store.monitoringSettings("p1")).contains(off);
            assertThat(store.monitoringSettings("p2")).isEmpty();
            store.putMonitoringSettings(off.withReanalyzeLate(true));
            store = reopen(store);
            assertThat(store.monitoringSettings("p1").orElseThrow().reanalyzeLate()).isTrue();
        }
    }

    /** Registered monitoring applications. */
    @Nested
    class Applications {
        @Test
        void applicationsArePutReplacedListedAndDeleted() throws Exception {
            store.createProject("p1");
            AppRegistration drift = new AppRegistration("p1", "histogram-data-drift",
                    "io.driftwatch.apps.HistogramDataDrift", null, Map.of("detected", "0.7"), T0);
            AppRegistration custom = new AppRegistration("p1", "custom", "com.acme.Custom", "/jars/acme.jar",
                    Map.of(), T0.plusSeconds(1));
            store.putApplication(drift);
            store.putApplication(custom);
            AppRegistration custom2 = new AppRegistration("p1", "custom", "com.acme.Custom2", null, Map.of("k", "v"),
                    T0.plusSeconds(2));
            store.putApplication(custom2);
            store.putApplication(new AppRegistration("p2", "x", "X", null, null, T0));
            store = reopen(store);
            assertThat(store.applications("p1")).containsExactlyInAnyOrder(drift, custom2);
            assertThat(store.deleteApplication("p1", "custom")).isTrue();
            assertThat(store.deleteApplication("p1", "custom")).isFalse();
            assertThat(store.applications("p1")).containsExactly(drift);
            assertThat(store.applications("p2")).hasSize(1);
        }
    }

    /** Project deletion: the project with its models, settings and apps goes, other projects keep theirs. */
    @Nested
    class ProjectDeletion {
        @Test
        void deleteProjectRemovesModelsSettingsAndApps() throws Exception {
            for (String p : List.of("p1", "p2")) {
                store.createProject(p);
                store.putModel(model(p, "churn", "1", T0));
                store.putMonitoringSettings(new MonitoringSettings(p, true, Duration.ofMinutes(10),
                        Map.of("stream_path", "kafka://h:9092")));
                store.putApplication(new AppRegistration(p, "drift", "x.Drift", null, Map.of(), T0));
            }
            assertThat(store.deleteProject("p1")).isTrue();
            store = reopen(store);
            assertThat(store.projectExists("p1")).isFalse();
            assertThat(store.models("p1")).isEmpty();
            assertThat(store.model("p1", "churn", null)).isEmpty();
            assertThat(store.monitoringSettings("p1")).isEmpty();
            assertThat(store.applications("p1")).isEmpty();
            assertThat(store.projects()).containsExactly("p2");
            assertThat(store.models("p2")).hasSize(1);
            assertThat(store.monitoringSettings("p2")).isPresent();
            assertThat(store.applications("p2")).hasSize(1);
            assertThat(store.deleteProject("p1")).isFalse();
        }
    }
}
