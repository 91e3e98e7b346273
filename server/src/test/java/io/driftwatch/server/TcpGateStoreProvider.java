package io.driftwatch.server;

import io.driftwatch.engine.backend.BackendContext;
import io.driftwatch.engine.backend.BackendKind;
import io.driftwatch.engine.backend.BackendLoader;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.backend.EndpointStores;
import io.driftwatch.engine.backend.StoreProvider;
import io.driftwatch.engine.backend.TimeSeriesStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Set;

/**
 * Test provider of the scheme {@code tcpgate://user:password@host:port/db}: a store that is reachable exactly when
 * something accepts TCP connections on host:port (the test opens and closes a real {@link java.net.ServerSocket}),
 * and that then keeps its data in the embedded DuckDB store. Opening and its {@link
 * io.driftwatch.engine.backend.HealthCheck} make a real connection, so a closed port fails with the JDK's own
 * {@code ConnectException: Connection refused}: this tests the server's retry, readiness and recovery mechanism
 * (not a database). A real SQL store (driftwatch-store-sql) takes its place with {@code postgresql://}.
 */
public final class TcpGateStoreProvider implements StoreProvider {
    @Override
    public Set<String> schemes() {
        return Set.of("tcpgate");
    }

    @Override
    public EndpointStores openEndpointStores(BackendUri uri, BackendContext context) throws IOException {
        connect(uri);
        context.healthCheck(uri, () -> connect(uri));
        return embedded().openEndpointStores(BackendUri.parse(BackendUri.EMBEDDED), context);
    }

    @Override
    public TimeSeriesStores openTimeSeries(BackendUri uri, EndpointStores endpointStores, BackendContext context)
            throws IOException {
        connect(uri);
        context.healthCheck(uri, () -> connect(uri));
        return embedded().openTimeSeries(BackendUri.parse(BackendUri.EMBEDDED), endpointStores, context);
    }

    private static StoreProvider embedded() {
        return BackendLoader.standard().provider(StoreProvider.class, BackendKind.ENDPOINT_STORE,
                BackendUri.parse(BackendUri.EMBEDDED));
    }

    private static void connect(BackendUri uri) {
        URI u = uri.uri().orElseThrow();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort()), 2_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + uri, e);
        }
    }
}
