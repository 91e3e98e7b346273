package io.driftwatch.cli;

import io.driftwatch.server.client.DriftwatchClient;
import picocli.CommandLine.Option;

/** Options shared by the client commands: the server URL and the output format. */
final class ClientOptions {
    @Option(names = "--url", defaultValue = "${DRIFTWATCH_URL:-http://localhost:8080}",
            description = "Driftwatch server URL (default: ${DEFAULT-VALUE}; env DRIFTWATCH_URL)")
    String url;

    @Option(names = {"-o", "--output"}, defaultValue = "json", description = "json or table (default: ${DEFAULT-VALUE})")
    Output.Format output;

    DriftwatchClient client() {
        return DriftwatchClient.connect(url);
    }
}
