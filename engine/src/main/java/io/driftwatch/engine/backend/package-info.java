/**
 * Composition by URI: the service-provider interface through which adapter modules supply the backends of the
 * data flow (DESIGN.md §2, §13): the event stream ({@code --stream-path}) that ingest appends to and the processor
 * reads, the endpoint store ({@code --endpoint-store-connection}) and time-series store ({@code --tsdb-connection})
 * that the processor, controller and writer write, and the object store ({@code --parquet-path}) of the Parquet
 * samples and artifacts the apps read.
 *
 * <p>{@link io.driftwatch.engine.backend.BackendLoader} parses each setting into a
 * {@link io.driftwatch.engine.backend.BackendUri} (one place for MLRun's URL forms and password masking), finds the
 * provider that supports it with {@link java.util.ServiceLoader} ({@link io.driftwatch.engine.backend.StreamProvider},
 * {@link io.driftwatch.engine.backend.StoreProvider}, {@link io.driftwatch.engine.backend.ObjectStoreProvider}) and
 * returns the opened {@link io.driftwatch.engine.backend.Backends}. An adapter module plugs in by implementing a
 * provider and listing it in {@code META-INF/services/<provider interface>}; nothing else changes.
 */
package io.driftwatch.engine.backend;
