package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.engine.port.AccessKeyStore;
import io.driftwatch.engine.port.AccessKeyStore.KeyRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link AccessKeyStore} must have; override {@link #reopen} when the store is durable. */
public abstract class AccessKeyStoreContract {
    protected AccessKeyStore store;

    protected abstract AccessKeyStore createStore() throws Exception;

    protected AccessKeyStore reopen(AccessKeyStore old) throws Exception {
        return old;
    }

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    private static KeyRow key(String id, String project, String role, int second) {
        return new KeyRow(id, project, role, "pbkdf2$1$salt-" + id + "$hash-" + id, T0.plusSeconds(second));
    }

    @Test
    void keysAreAddedFoundByIdAndListedPerProjectOldestFirst() throws Exception {
        store.addKey(key("k2", "p", "viewer", 2));
        store.addKey(key("k1", "p", "admin", 1));
        store.addKey(key("k3", "q", "editor", 0));
        store = reopen(store);
        assertThat(store.keys("p")).extracting(KeyRow::id).containsExactly("k1", "k2");
        assertThat(store.keys("none")).isEmpty();
        assertThat(store.key("k3")).get().isEqualTo(key("k3", "q", "editor", 0));
        assertThat(store.key("k9")).isEmpty();
    }

    @Test
    void idsAreUniqueOverAllProjects() {
        store.addKey(key("k1", "p", "viewer", 1));
        assertThatThrownBy(() -> store.addKey(key("k1", "q", "admin", 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k1");
        assertThat(store.key("k1")).get().extracting(KeyRow::project).isEqualTo("p");
    }

    @Test
    void aDeletedKeyIsGoneAtOnceAndOnlyFromItsProject() throws Exception {
        store.addKey(key("k1", "p", "viewer", 1));
        assertThat(store.deleteKey("q", "k1")).as("another project cannot revoke it").isFalse();
        assertThat(store.key("k1")).isPresent();
        assertThat(store.deleteKey("p", "k1")).isTrue();
        assertThat(store.key("k1")).isEmpty();
        assertThat(store.deleteKey("p", "k1")).isFalse();
        store = reopen(store);
        assertThat(store.keys("p")).isEmpty();
    }
}
