package io.driftwatch.engine.backend;

import io.driftwatch.engine.port.EventStream;
import java.io.IOException;

/** Service: opens the {@link EventStream} of {@code --stream-path}. Listed in {@code META-INF/services}. */
public interface StreamProvider extends BackendProvider {
    /** Opens the stream and registers it with {@code context} for closing. */
    EventStream open(BackendUri uri, BackendContext context) throws IOException;
}
