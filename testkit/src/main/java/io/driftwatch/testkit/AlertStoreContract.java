package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.alerts.AlertConfig;
import io.driftwatch.engine.alerts.AlertConfigJson;
import io.driftwatch.engine.port.AlertStore;
import io.driftwatch.engine.port.AlertStore.ActivationQuery;
import io.driftwatch.engine.port.AlertStore.ActivationRow;
import io.driftwatch.engine.port.AlertStore.ConfigRow;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link AlertStore} must have; override {@link #reopen} when the store is durable. */
public abstract class AlertStoreContract {
    protected AlertStore store;

    protected abstract AlertStore createStore() throws Exception;

    protected AlertStore reopen(AlertStore old) throws Exception {
        return old;
    }

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    private static ActivationRow act(String project, String id, String alert, int minute, boolean active,
                                     List<String> endpoints) {
        return new ActivationRow(project, id, alert, T0.plusSeconds(60L * minute), active, endpoints,
                "{\"id\":\"" + id + "\",\"active\":" + active + "}");
    }

    /** Alert configurations. */
    @Nested
    class Configs {
        @Test
        void configsAreCreatedReplacedListedByNameAndDeleted() throws Exception {
            store.putConfig(new ConfigRow("p", "b", "{\"v\":1}", T0));
            store.putConfig(new ConfigRow("p", "a", "{\"v\":1}", T0));
            store.putConfig(new ConfigRow("p", "b", "{\"v\":2}", T0.plusSeconds(1)));
            store.putConfig(new ConfigRow("q", "c", "{}", T0));
            store = reopen(store);
            assertThat(store.configs("p")).extracting(ConfigRow::name).containsExactly("a", "b");
            assertThat(store.config("p", "b")).get().satisfies(c -> {
                assertThat(c.json()).isEqualTo("{\"v\":2}");
                assertThat(c.updated()).isEqualTo(T0.plusSeconds(1));
            });
            assertThat(store.deleteConfig("p", "b")).isTrue();
            assertThat(store.deleteConfig("p", "b")).isFalse();
            assertThat(store.config("p", "b")).isEmpty();
            assertThat(store.configs("q")).hasSize(1);
        }

        @Test
        void anAlertDocumentIsKeptVerbatimWithItsEnabledFlag() throws Exception {
            AlertConfig off = AlertConfigJson.parse("p", "off", AlertConfigJson.MAPPER.readTree(
                    "{\"entities\": {\"kind\": \"model-endpoint-result\", \"ids\": [\"*\"]}, \"enabled\": false,"
                            + " \"trigger\": {\"events\": [\"data-drift-detected\"]},"
                            + " \"notifications\": [{\"kind\": \"console\"}]}"));
            String doc = AlertConfigJson.toJson(off, false).toString();
            store.putConfig(new ConfigRow("p", "off", doc, T0));
            store.putConfig(new ConfigRow("p", "on", AlertConfigJson.toJson(off.withEnabled(true), false).toString(), T0));
            store = reopen(store);
            String back = store.config("p", "off").orElseThrow().json();
            assertThat(back).isEqualTo(doc);
            assertThat(AlertConfigJson.fromStored("p", "off", back).enabled()).isFalse();
            assertThat(AlertConfigJson.fromStored("p", "off", store.config("p", "on").orElseThrow().json()).enabled())
                    .as("the same alert enabled, stored under another name").isTrue();
        }
    }

    /** Alert activations. */
    @Nested
    class Activations {
        @Test
        void activationsAreFilteredNewestFirstAndReplacedById() throws Exception {
            store.putActivation(act("p", "1", "drift", 1, false, List.of("ep1")));
            store.putActivation(act("p", "2", "drift", 2, true, List.of("ep1", "ep2")));
            store.putActivation(act("p", "3", "lat", 3, false, List.of("ep2")));
            store.putActivation(act("p", "4", "lat", 3, false, List.of()));
            store.putActivation(act("q", "5", "drift", 4, true, List.of("ep1")));
            store = reopen(store);
            assertThat(store.activations(new ActivationQuery("p", null, null, null, null, 100)))
                    .extracting(ActivationRow::id).containsExactly("4", "3", "2", "1");
            assertThat(store.activations(new ActivationQuery("p", "drift", null, null, null, 100)))
                    .extracting(ActivationRow::id).containsExactly("2", "1");
            assertThat(store.activations(new ActivationQuery("p", null, "ep2", null, null, 100)))
                    .extracting(ActivationRow::id).containsExactly("3", "2");
            assertThat(store.activations(new ActivationQuery("p", null, "ep", null, null, 100))).isEmpty();
            assertThat(store.activations(new ActivationQuery("p", null, null, true, null, 100)))
                    .extracting(ActivationRow::id).containsExactly("2");
            assertThat(store.activations(new ActivationQuery("p", null, null, null, T0.plusSeconds(120), 100)))
                    .extracting(ActivationRow::id).containsExactly("4", "3", "2");
            assertThat(store.activations(new ActivationQuery("p", null, null, null, null, 1)))
                    .extracting(ActivationRow::id).containsExactly("4");

            store.putActivation(act("p", "2", "drift", 2, false, List.of("ep1", "ep2")));
            assertThat(store.activation("p", "2")).get().satisfies(a -> {
                assertThat(a.active()).isFalse();
                assertThat(a.endpoints()).containsExactly("ep1", "ep2");
                assertThat(a.json()).contains("\"active\":false");
                assertThat(a.time()).isEqualTo(T0.plusSeconds(120));
            });
            assertThat(store.activation("q", "2")).isEmpty();
        }
    }

    /** Project deletion: configs and activations of the project go, other projects keep theirs. */
    @Nested
    class ProjectDeletion {
        @Test
        void deleteProjectRemovesConfigsAndActivations() throws Exception {
            for (String p : List.of("p", "q")) {
                store.putConfig(new ConfigRow(p, "a", "{}", T0));
                store.putActivation(act(p, "1", "a", 0, true, List.of("u")));
            }
            store.deleteProject("p");
            store = reopen(store);
            assertThat(store.configs("p")).isEmpty();
            assertThat(store.activations(new ActivationQuery("p", null, null, null, null, 10))).isEmpty();
            assertThat(store.configs("q")).hasSize(1);
            assertThat(store.activations(new ActivationQuery("q", null, null, null, null, 10))).hasSize(1);
        }
    }

    /** Retention: activations that fired before the cutoff go; configs stay. */
    @Nested
    class Retention {
        @Test
        void deleteActivationsOlderThanKeepsNewerOnesAndConfigs() throws Exception {
            store.putConfig(new ConfigRow("p", "a", "{}", T0));
            store.putActivation(act("p", "old", "a", 0, false, List.of()));
            store.putActivation(act("p", "edge", "a", 10, false, List.of()));
            store.putActivation(act("p", "new", "a", 20, true, List.of()));
            assertThat(store.deleteActivationsOlderThan(T0.plusSeconds(600))).isEqualTo(1);
            store = reopen(store);
            assertThat(store.activations(new ActivationQuery("p", null, null, null, null, 10)))
                    .extracting(ActivationRow::id).containsExactly("new", "edge");
            assertThat(store.configs("p")).hasSize(1);
        }
    }
}
