package io.driftwatch.serving;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.driftwatch.serving.tracking.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving functions of all projects (MLRun's {@code new_function(kind="serving")}, {@code add_model},
 * {@code set_tracking}, {@code deploy}). Changes are serialised by one lock (they are rare); lookups of deployed
 * functions on the request path are lock-free. With a data directory the specs persist to
 * {@code {dataDir}/serving/functions.json} (snake_case JSON, written atomically after each change) and functions
 * marked deployed are deployed again by {@link #open}.
 */
public final class ServingFunctions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServingFunctions.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final Tracker tracker;
    private final Clock clock;
    private final Map<String, FunctionSpec> specs = new TreeMap<>();
    private final Map<String, ServingFunction> deployed = new ConcurrentHashMap<>();

    private ServingFunctions(Path file, Tracker tracker, Clock clock) {
        this.file = file;
        this.tracker = tracker;
        this.clock = clock;
    }

    /**
     * Opens the registry, reading and redeploying persisted functions (a function that fails to deploy is logged and
     * left undeployed).
     *
     * @param dataDir the data directory, or null to keep functions in memory only
     * @param tracker receives the tracking events of every function
     */
    public static ServingFunctions open(Path dataDir, Tracker tracker, Clock clock) {
        Path f = dataDir == null ? null : dataDir.resolve("serving").resolve("functions.json");
        ServingFunctions r = new ServingFunctions(f, tracker, clock);
        r.load();
        return r;
    }

    private static String key(String project, String name) {
        return project + "/" + name;
    }

    /**
     * Creates a function without models, tracking on at rate 1.
     *
     * @throws ServingException 409 if it exists
     */
    public synchronized FunctionSpec create(String project, String name, String tag) {
        if (specs.containsKey(key(project, name))) {
            throw new ServingException(409, "serving function " + key(project, name) + " exists");
        }
        return put(new FunctionSpec(project, name, tag, Map.of(), TrackingSpec.all(), false));
    }

    /** Adds or replaces a model; takes effect at the next {@link #deploy}. */
    public synchronized FunctionSpec addModel(String project, String name, ModelSpec model) {
        return put(require(project, name).withModel(model));
    }

    /** Sets tracking; takes effect at once on a deployed function (it is redeployed). */
    public synchronized FunctionSpec setTracking(String project, String name, TrackingSpec tracking) {
        FunctionSpec spec = put(require(project, name).withTracking(tracking));
        return spec.deployed() ? deploy(project, name).spec() : spec;
    }

    /**
     * Loads the function's models and starts serving it (replacing an earlier deployment).
     *
     * @throws ServingException 400 if it has no models or a model fails to load
     */
    public synchronized ServingFunction deploy(String project, String name) {
        FunctionSpec spec = require(project, name);
        if (spec.models().isEmpty()) {
            throw new ServingException(400, "serving function " + spec.functionUri() + " has no models");
        }
        ServingFunction fn = ServingFunction.deploy(spec.withDeployed(true), tracker, clock);
        put(fn.spec());
        ServingFunction old = deployed.put(key(project, name), fn);
        if (old != null) {
            old.close();
        }
        LOG.info("serving function {} deployed with models {}", spec.functionUri(), spec.models().keySet());
        return fn;
    }

    /** Stops serving a function (its spec stays). */
    public synchronized void undeploy(String project, String name) {
        put(require(project, name).withDeployed(false));
        ServingFunction old = deployed.remove(key(project, name));
        if (old != null) {
            old.close();
        }
    }

    /** Undeploys and forgets a function. */
    public synchronized void delete(String project, String name) {
        undeploy(project, name);
        specs.remove(key(project, name));
        save();
    }

    /** The function's spec. */
    public synchronized Optional<FunctionSpec> get(String project, String name) {
        return Optional.ofNullable(specs.get(key(project, name)));
    }

    /** The project's functions by name. */
    public synchronized List<FunctionSpec> list(String project) {
        return specs.values().stream().filter(s -> s.project().equals(project)).toList();
    }

    /** The deployed function (lock-free; the request path). */
    public Optional<ServingFunction> deployed(String project, String name) {
        return Optional.ofNullable(deployed.get(key(project, name)));
    }

    /** The tracker events go to. */
    public Tracker tracker() {
        return tracker;
    }

    /** Closes the deployed functions' models (the tracker belongs to the caller). */
    @Override
    public synchronized void close() {
        deployed.values().forEach(ServingFunction::close);
        deployed.clear();
    }

    private FunctionSpec require(String project, String name) {
        FunctionSpec spec = specs.get(key(project, name));
        if (spec == null) {
            throw new ServingException(404, "serving function " + key(project, name) + " does not exist");
        }
        return spec;
    }

    private FunctionSpec put(FunctionSpec spec) {
        specs.put(key(spec.project(), spec.name()), spec);
        save();
        return spec;
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), Map.of("functions", new ArrayList<>(specs.values())));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private synchronized void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            Map<String, List<FunctionSpec>> doc = JSON.readValue(file.toFile(), new TypeReference<>() { });
            for (FunctionSpec s : doc.getOrDefault("functions", List.of())) {
                specs.put(key(s.project(), s.name()), s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read serving functions from " + file, e);
        }
        for (FunctionSpec s : List.copyOf(specs.values())) {
            if (s.deployed()) {
                try {
                    deploy(s.project(), s.name());
                } catch (ServingException e) {
                    LOG.error("cannot redeploy {}: {}", s.functionUri(), e.getMessage());
                    put(s.withDeployed(false));
                }
            }
        }
    }
}
