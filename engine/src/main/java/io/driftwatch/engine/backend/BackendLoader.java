package io.driftwatch.engine.backend;

import io.driftwatch.engine.port.EventStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that builds the backends from their URIs: each setting is parsed ({@link BackendUri}) and opened
 * by the first provider found through {@link ServiceLoader} that {@linkplain BackendProvider#supports supports}
 * it. A URI of a known adapter whose module is not on the classpath is an error naming the module to add; an
 * unknown scheme is an error listing the supported ones; both show the URI with its password masked.
 */
public final class BackendLoader {
    /** The adapter module of each known scheme, per setting (DESIGN.md §13). */
    private static final Map<BackendKind, Map<String, String>> MODULES = Map.of(
            BackendKind.STREAM, Map.of("kafka", "driftwatch-stream-kafka"),
            BackendKind.TSDB, Map.of("postgresql", "driftwatch-store-sql", "mysql", "driftwatch-store-sql"),
            BackendKind.ENDPOINT_STORE, Map.of("postgresql", "driftwatch-store-sql", "mysql", "driftwatch-store-sql"),
            BackendKind.PARQUET, Map.of("s3", "driftwatch-store-s3"));
    private final ClassLoader classLoader;

    private BackendLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Providers of the thread's context class loader (the application class path). */
    public static BackendLoader standard() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return of(context != null ? context : BackendLoader.class.getClassLoader());
    }

    /** Providers visible to {@code classLoader}. */
    public static BackendLoader of(ClassLoader classLoader) {
        return new BackendLoader(classLoader);
    }

    /**
     * Opens every backend: stream, endpoint stores, time-series stores, samples, artifacts. Every setting's provider
     * is found before anything opens; on failure what was opened is closed (the context is closed) and the error is
     * rethrown.
     *
     * @throws IllegalArgumentException for a URI no provider supports, naming the module or the supported schemes
     * @throws BackendUnavailableException when a backend did not answer (connection refused, timeout, …): worth
     *                                     retrying; it names the setting and the masked URI
     */
    public Backends open(BackendUris uris, BackendContext context) throws IOException {
        try {
            BackendUri streamUri = uris.uri(BackendKind.STREAM);
            BackendUri epUri = uris.uri(BackendKind.ENDPOINT_STORE);
            BackendUri tsUri = uris.uri(BackendKind.TSDB);
            BackendUri pqUri = uris.uri(BackendKind.PARQUET);
            StreamProvider streams = provider(StreamProvider.class, BackendKind.STREAM, streamUri);
            StoreProvider endpointStores = provider(StoreProvider.class, BackendKind.ENDPOINT_STORE, epUri);
            StoreProvider timeSeriesStores = provider(StoreProvider.class, BackendKind.TSDB, tsUri);
            ObjectStoreProvider objects = provider(ObjectStoreProvider.class, BackendKind.PARQUET, pqUri);
            EventStream stream = opening(BackendKind.STREAM, streamUri, () -> streams.open(streamUri, context));
            EndpointStores eps = opening(BackendKind.ENDPOINT_STORE, epUri,
                    () -> endpointStores.openEndpointStores(epUri, context));
            TimeSeriesStores ts = opening(BackendKind.TSDB, tsUri,
                    () -> timeSeriesStores.openTimeSeries(tsUri, eps, context));
            return new Backends(stream, eps, ts,
                    opening(BackendKind.PARQUET, pqUri, () -> objects.openSamples(pqUri, context)),
                    opening(BackendKind.PARQUET, pqUri, () -> objects.openArtifacts(pqUri, context)), context::close);
        } catch (IOException | RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** Opens one backend; a failure that says it did not answer becomes a {@link BackendUnavailableException}. */
    private static <T> T opening(BackendKind kind, BackendUri uri, Opening<T> open) throws IOException {
        try {
            return open.open();
        } catch (RuntimeException e) {
            throw BackendUnavailableException.classify(kind, uri, e);
        } catch (IOException e) {
            if (BackendUnavailableException.isTransient(e)) {
                throw new BackendUnavailableException(kind, uri, e);
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Opening<T> {
        T open() throws IOException;
    }

    /**
     * The provider of {@code type} that supports {@code uri}.
     *
     * @throws IllegalArgumentException when none does (see the class comment)
     */
    public <P extends BackendProvider> P provider(Class<P> type, BackendKind kind, BackendUri uri) {
        List<P> providers = providers(type);
        for (P p : providers) {
            if (p.supports(uri)) {
                return p;
            }
        }
        String module = MODULES.get(kind).get(uri.scheme());
        if (module != null) {
            throw new IllegalArgumentException(kind.key() + " '" + uri + "': the " + uri.scheme()
                    + " adapter is not on the classpath; add the module " + module + " (io.driftwatch:" + module
                    + ")");
        }
        throw new IllegalArgumentException(kind.key() + " '" + uri + "': unknown scheme '" + uri.scheme()
                + "'; supported: " + supported(providers, kind));
    }

    private <P extends BackendProvider> List<P> providers(Class<P> type) {
        List<P> found = new ArrayList<>();
        ServiceLoader.load(type, classLoader).forEach(found::add);
        return found;
    }

    private static String supported(List<? extends BackendProvider> providers, BackendKind kind) {
        Set<String> schemes = new TreeSet<>();
        providers.forEach(p -> schemes.addAll(p.schemes()));
        List<String> parts = new ArrayList<>();
        schemes.forEach(s -> parts.add(describe(s)));
        new TreeSet<>(MODULES.get(kind).entrySet().stream().filter(e -> !schemes.contains(e.getKey()))
                .map(e -> e.getKey() + ":// (with " + e.getValue() + ")").toList()).forEach(parts::add);
        return String.join(", ", parts);
    }

    private static String describe(String scheme) {
        return switch (scheme) {
            case BackendUri.EMBEDDED -> "embedded (or empty)";
            case BackendUri.FILE -> "file: or a plain path";
            default -> scheme + "://";
        };
    }
}
