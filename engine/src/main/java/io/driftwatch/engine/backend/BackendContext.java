package io.driftwatch.engine.backend;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a provider opens its backend with: the clock, the data directory (home of the embedded defaults), string
 * options (server settings such as {@code max-lag-records}; adapter keys such as {@code kafka.*} later), a closer
 * registry ({@link #register}) and resources shared between the backends of one server ({@link #shared}: e.g. one
 * database that is both the endpoint store and the time-series store). Closing the context closes every
 * registered resource, newest first. Thread-safe.
 */
public final class BackendContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackendContext.class);
    private final Clock clock;
    private final Path dataDir;
    private final Map<String, String> options;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final Map<String, Object> shared = new HashMap<>();
    private final Map<BackendUri, HealthCheck> healthChecks = new HashMap<>();

    public BackendContext(Clock clock, Path dataDir, Map<String, String> options) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.options = Map.copyOf(options);
    }

    public Clock clock() {
        return clock;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Map<String, String> options() {
        return options;
    }

    /** The option {@code key}, or {@code dflt}. */
    public String option(String key, String dflt) {
        return options.getOrDefault(key, dflt);
    }

    /** Registers {@code resource} to be closed with the context (newest first); returns it. */
    public synchronized <T extends AutoCloseable> T register(T resource) {
        toClose.push(Objects.requireNonNull(resource, "resource"));
        return resource;
    }

    /** The resource shared under {@code key}, opened by {@code open} on first use (register it to close it). */
    @SuppressWarnings("unchecked")
    public synchronized <T> T shared(String key, Supplier<T> open) {
        Object r = shared.get(key);
        if (r == null) {
            r = Objects.requireNonNull(open.get(), key);
            shared.put(key, r);
        }
        return (T) r;
    }

    /** Registers the readiness probe of the backend opened from {@code uri} (the last registration wins). */
    public synchronized void healthCheck(BackendUri uri, HealthCheck check) {
        healthChecks.put(Objects.requireNonNull(uri, "uri"), Objects.requireNonNull(check, "check"));
    }

    /** The probe registered for {@code uri}, if any. */
    public synchronized Optional<HealthCheck> healthCheck(BackendUri uri) {
        return Optional.ofNullable(healthChecks.get(uri));
    }

    /** Closes every registered resource, newest first; failures are logged and the rest still close. */
    @Override
    public synchronized void close() {
        while (!toClose.isEmpty()) {
            AutoCloseable c = toClose.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", c.getClass().getSimpleName(), e);
            }
        }
        shared.clear();
        healthChecks.clear();
    }
}
