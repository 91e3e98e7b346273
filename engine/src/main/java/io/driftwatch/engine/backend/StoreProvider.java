package io.driftwatch.engine.backend;

import java.io.IOException;

/**
 * Service: opens the stores of {@code --endpoint-store-connection} and {@code --tsdb-connection}. The endpoint
 * stores open first; the time-series stores get them, because the processor's sink upserts endpoint records and
 * appends predictions with its offset in one transaction where both live in one database (see
 * {@link BackendContext#shared}). Listed in {@code META-INF/services}.
 */
public interface StoreProvider extends BackendProvider {
    /** Opens the project, endpoint and alert stores, registering what needs closing with {@code context}. */
    EndpointStores openEndpointStores(BackendUri uri, BackendContext context) throws IOException;

    /**
     * Opens the time-series store and the processor's sink.
     *
     * @param endpointStores the already opened endpoint stores (possibly of another provider)
     * @throws IllegalArgumentException when this store cannot be combined with {@code endpointStores}
     */
    TimeSeriesStores openTimeSeries(BackendUri uri, EndpointStores endpointStores, BackendContext context)
            throws IOException;
}
