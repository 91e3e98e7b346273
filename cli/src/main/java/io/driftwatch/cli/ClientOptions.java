package io.driftwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.client.DriftwatchClient;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options shared by the client commands (the server URL, the access key, the output format) and their output. */
final class ClientOptions {
    @Option(names = "--url", defaultValue = "${DRIFTWATCH_URL:-http://localhost:8080}",
            description = "Driftwatch server URL (default: ${DEFAULT-VALUE}; env DRIFTWATCH_URL)")
    String url;

    @Option(names = "--access-key", defaultValue = "${DRIFTWATCH_ACCESS_KEY:-}", description = "access key sent as "
            + "'Authorization: Bearer' (env DRIFTWATCH_ACCESS_KEY; needed when the server runs with --auth required)")
    String accessKey;

    @Option(names = {"-o", "--output"}, defaultValue = "json", description = "json or table (default: ${DEFAULT-VALUE})")
    Output.Format output;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    DriftwatchClient client() {
        return DriftwatchClient.connect(url, accessKey);
    }

    /** The command's standard output. */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** Prints an API answer in the chosen format (table columns as in {@link Output#print}). */
    void print(JsonNode value, String... columns) {
        Output.print(out(), output, value, columns);
    }

    /** Prints a line and flushes. */
    void say(String line) {
        out().println(line);
        out().flush();
    }
}
