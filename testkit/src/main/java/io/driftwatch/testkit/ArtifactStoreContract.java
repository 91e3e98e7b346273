package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.driftwatch.engine.port.ArtifactStore;
import io.driftwatch.engine.port.ArtifactStore.Artifact;
import io.driftwatch.engine.port.ArtifactStore.Key;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The promises of {@link ArtifactStore} (its Javadoc): an artifact per project / endpoint / app / window end /
 * name, replaced when written again, listed by window end then app then name, deleted per endpoint. Override
 * {@link #reopen} when the store is durable.
 */
public abstract class ArtifactStoreContract {
    private static final Instant END = T0.plusSeconds(600);
    protected ArtifactStore store;

    protected abstract ArtifactStore createStore() throws Exception;

    /** The same store opened again (a durable store reads back what it wrote); default: the same instance. */
    protected ArtifactStore reopen(ArtifactStore old) throws Exception {
        return old;
    }

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    private static Key key(String uid, String app, Instant end, String name) {
        return new Key("p", uid, app, end, name);
    }

    private static Artifact art(Key key, String contentType, String body) {
        return new Artifact(key, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Put, get, replace. */
    @Nested
    class Content {
        @Test
        void anArtifactIsReadBackWithItsContentTypeAndBytes() throws Exception {
            Key k = key("ep1", "histogram-data-drift", END, "drift_table_plot");
            byte[] bytes = {0, (byte) 0xff, '<', 'h', '>', '\n'};
            store.put(new Artifact(k, "application/octet-stream", bytes));
            store = reopen(store);
            assertThat(store.get(k)).contains(new Artifact(k, "application/octet-stream", bytes));
            assertThat(store.get(key("ep1", "histogram-data-drift", END, "other"))).isEmpty();
            assertThat(store.get(key("ep1", "histogram-data-drift", END.plusSeconds(1), "drift_table_plot")))
                    .isEmpty();
        }

        @Test
        void writingTheSameKeyAgainReplacesContentAndType() throws Exception {
            Key k = key("ep1", "app", END, "plot");
            store.put(art(k, "text/plain", "old and longer than the new one"));
            store.put(art(k, "text/html; charset=utf-8", "new"));
            store = reopen(store);
            assertThat(store.get(k)).contains(art(k, "text/html; charset=utf-8", "new"));
            assertThat(store.list("p", "ep1", null)).containsExactly(k);
        }

        @Test
        void artifactsWrittenTogetherAreReadBackAndReplacedAsPutWould() throws Exception {
            Key plot = key("ep1", "histogram-data-drift", END, "drift_table_plot");
            Key json = key("ep1", "histogram-data-drift", END, "features_drift_results");
            Key later = key("ep1", "histogram-data-drift", END.plusSeconds(600), "drift_table_plot");
            store.putAll(java.util.List.of(art(plot, "text/html; charset=utf-8", "<p>1</p>"),
                    art(json, "application/json", "{}"), art(later, "text/html; charset=utf-8", "<p>2</p>")));
            store.putAll(java.util.List.of());
            store = reopen(store);
            assertThat(store.get(plot)).contains(art(plot, "text/html; charset=utf-8", "<p>1</p>"));
            assertThat(store.get(json)).contains(art(json, "application/json", "{}"));
            assertThat(store.list("p", "ep1", null)).containsExactly(plot, json, later);
            store.putAll(java.util.List.of(art(plot, "text/plain", "again"), art(json, "application/json", "[]")));
            store = reopen(store);
            assertThat(store.get(plot)).contains(art(plot, "text/plain", "again"));
            assertThat(store.get(json)).contains(art(json, "application/json", "[]"));
            assertThat(store.list("p", "ep1", null)).containsExactly(plot, json, later);
        }
    }

    /** Listing order and filter. */
    @Nested
    class Listing {
        @Test
        void keysAreListedByWindowEndThenAppThenName() throws Exception {
            store.put(art(key("ep1", "b-app", END, "z"), "text/plain", "1"));
            store.put(art(key("ep1", "a-app", END.plusSeconds(600), "a"), "text/plain", "2"));
            store.put(art(key("ep1", "a-app", END, "y"), "text/plain", "3"));
            store.put(art(key("ep1", "a-app", END, "x"), "text/plain", "4"));
            store.put(art(key("ep2", "a-app", END, "x"), "text/plain", "other endpoint"));
            store = reopen(store);
            assertThat(store.list("p", "ep1", null)).extracting(Key::windowEnd, Key::application, Key::name)
                    .containsExactly(tuple(END, "a-app", "x"), tuple(END, "a-app", "y"), tuple(END, "b-app", "z"),
                            tuple(END.plusSeconds(600), "a-app", "a"));
        }

        @Test
        void anApplicationFilterKeepsOnlyThatApp() throws Exception {
            store.put(art(key("ep1", "b-app", END, "z"), "text/plain", "1"));
            store.put(art(key("ep1", "a-app", END, "y"), "text/plain", "2"));
            assertThat(store.list("p", "ep1", "b-app")).extracting(Key::name).containsExactly("z");
            assertThat(store.list("p", "ep1", "c-app")).isEmpty();
            assertThat(store.list("p", "nobody", null)).isEmpty();
            assertThat(store.list("q", "ep1", null)).isEmpty();
        }
    }

    /** Deleting an endpoint's artifacts. */
    @Nested
    class Deletion {
        @Test
        void deleteEndpointRemovesAllItsArtifactsAndOnlyThose() throws Exception {
            store.put(art(key("ep1", "a-app", END, "x"), "text/plain", "1"));
            store.put(art(key("ep1", "b-app", END.plusSeconds(600), "y"), "text/plain", "2"));
            Key kept = key("ep2", "a-app", END, "x");
            store.put(art(kept, "text/plain", "3"));
            store.deleteEndpoint("p", "ep1");
            store = reopen(store);
            assertThat(store.list("p", "ep1", null)).isEmpty();
            assertThat(store.get(key("ep1", "a-app", END, "x"))).isEmpty();
            assertThat(store.get(kept)).contains(art(kept, "text/plain", "3"));
            store.deleteEndpoint("p", "never-had-any");
            store.put(art(key("ep1", "a-app", END, "x"), "text/plain", "again"));
            assertThat(store.list("p", "ep1", null)).hasSize(1);
        }
    }

    /** Project deletion: every artifact of the project goes, other projects keep theirs. */
    @Nested
    class ProjectDeletion {
        @Test
        void deleteProjectRemovesEveryEndpointsArtifacts() throws Exception {
            store.put(art(key("u", "drift", END, "plot.html"), "text/html", "a"));
            store.put(art(key("v", "drift", END, "plot.html"), "text/html", "b"));
            Key other = new Key("q", "u", "drift", END, "plot.html");
            store.put(art(other, "text/html", "c"));
            store.deleteProject("p");
            store = reopen(store);
            assertThat(store.list("p", "u", null)).isEmpty();
            assertThat(store.list("p", "v", null)).isEmpty();
            assertThat(store.list("q", "u", null)).containsExactly(other);
        }
    }

    /** Retention: artifacts of windows that ended before the cutoff go. */
    @Nested
    class Retention {
        @Test
        void deleteOlderThanRemovesOldWindowsOnly() throws Exception {
            Key old = key("u", "drift", END, "plot.html");
            Key kept = key("u", "drift", END.plusSeconds(600), "plot.html");
            store.put(art(old, "text/html", "a"));
            store.put(art(kept, "text/html", "b"));
            assertThat(store.deleteOlderThan(END.plusSeconds(600))).isEqualTo(1);
            store = reopen(store);
            assertThat(store.list("p", "u", null)).containsExactly(kept);
            assertThat(store.get(old)).isEmpty();
        }
    }
}
