package io.driftwatch.engine.alerts;

import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.AlertStore;

/** Factories of {@link AlertStore}s that live in the engine (the embedded DuckDB one is in store-embedded). */
public final class AlertStores {
    private AlertStores() {
    }

    /** An in-memory store (tests, demos): {@link MemoryStores#alertStore()}. */
    public static AlertStore inMemory() {
        return MemoryStores.alertStore();
    }
}
