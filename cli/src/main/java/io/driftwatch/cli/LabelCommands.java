package io.driftwatch.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code driftwatch labels send ENDPOINT FILE}: sends ground-truth labels of an endpoint (issue 20) from a JSON array
 * or NDJSON file of {@code {"request_id", "row"?, "label"}} (gzip detected by its magic bytes), in batches. Prints the
 * accepted and unmatched counts (labels for unknown or expired predictions are not stored).
 */
@Command(name = "labels", description = "Ground-truth labels of model endpoints.", mixinStandardHelpOptions = true,
        subcommands = LabelCommands.Send.class)
final class LabelCommands {
    private LabelCommands() {
    }

    @Command(name = "send", description = "Send labels from a file (JSON array or NDJSON of {request_id, row?, label},"
            + " gzip ok).", mixinStandardHelpOptions = true)
    static final class Send implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "endpoint uid")
        String uid;
        @Parameters(index = "1", description = "labels file (.json array or NDJSON, optionally gzip-compressed)")
        Path file;
        @Option(names = "--batch-size", defaultValue = "10000",
                description = "labels per request (default: ${DEFAULT-VALUE})")
        int batchSize;

        @Override
        public void run() {
            if (batchSize < 1) {
                throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
            }
            var client = opts.client();
            long accepted = 0;
            long unmatched = 0;
            try (InputStream in = open(file); JsonParser p = Output.MAPPER.createParser(in)) {
                if (p.nextToken() == JsonToken.START_ARRAY) {
                    p.nextToken();
                }
                MappingIterator<JsonNode> it = Output.MAPPER.readerFor(JsonNode.class).readValues(p);
                List<JsonNode> batch = new ArrayList<>();
                while (it.hasNextValue()) {
                    batch.add(it.nextValue());
                    if (batch.size() == batchSize || !it.hasNextValue()) {
                        JsonNode answer = client.sendLabels(project.project, uid, batch);
                        accepted += answer.path("accepted").asLong();
                        unmatched += answer.path("unmatched").asLong();
                        batch.clear();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            opts.print(Output.MAPPER.createObjectNode().put("accepted", accepted).put("unmatched", unmatched));
        }

        private static InputStream open(Path file) throws IOException {
            InputStream in = new BufferedInputStream(Files.newInputStream(file));
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in) : in;
        }
    }
}
