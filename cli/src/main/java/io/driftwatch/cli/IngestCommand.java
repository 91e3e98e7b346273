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
 * {@code driftwatch ingest FILE}: sends tracking events from a JSON array or NDJSON file (gzip detected by its
 * magic bytes) in batches; streams the file, so its size is not bounded by memory. Prints the accepted count.
 */
@Command(name = "ingest", description = "Send tracking events from a file (JSON array or NDJSON, gzip ok).",
        mixinStandardHelpOptions = true)
final class IngestCommand implements Runnable {
    @Mixin
    ClientOptions opts;
    @Mixin
    ProjectOption project;
    @Parameters(index = "0", description = "events file (.json array or NDJSON, optionally gzip-compressed)")
    Path file;
    @Option(names = "--batch-size", defaultValue = "1000", description = "events per request (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public void run() {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        var client = opts.client();
        long accepted = 0;
        int batches = 0;
        try (InputStream in = open(file); JsonParser p = Output.MAPPER.createParser(in)) {
            List<JsonNode> batch = new ArrayList<>(batchSize);
            JsonToken first = p.nextToken();
            MappingIterator<JsonNode> it;
            if (first == JsonToken.START_ARRAY) {
                p.nextToken();
                it = Output.MAPPER.readerFor(JsonNode.class).readValues(p);
            } else {
                it = Output.MAPPER.readerFor(JsonNode.class).readValues(p);
            }
            while (it.hasNextValue()) {
                batch.add(it.nextValue());
                if (batch.size() == batchSize) {
                    accepted += client.ingest(project.project, batch).path("accepted").asLong();
                    batches++;
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                accepted += client.ingest(project.project, batch).path("accepted").asLong();
                batches++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        opts.print(Output.MAPPER.createObjectNode()
                .put("accepted", accepted).put("requests", batches));
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
