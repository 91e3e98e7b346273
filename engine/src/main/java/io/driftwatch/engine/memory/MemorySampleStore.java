package io.driftwatch.engine.memory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.SampleFrame;
import io.driftwatch.Window;
import io.driftwatch.engine.port.CellSummary;
import io.driftwatch.engine.port.SampleStore;
import io.driftwatch.engine.port.SummarizedFrame;
import io.driftwatch.stats.summary.WindowSummary;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import io.driftwatch.engine.port.StreamPartition;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SampleStore} in memory. A write whose {@code nextOffset} is not beyond {@link #storedOffset()} is a
 * replay and changes nothing; an empty write advances the offset. Export supports {@code csv} (header
 * {@code timestamp,request_id,latency,<columns>}, RFC 4180 quoting) and {@code json} (one array of row objects);
 * {@code parquet} is not available in memory ({@link UnsupportedOperationException}).
 */
final class MemorySampleStore implements SampleStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<List<String>, List<SampleRow>> rows = new HashMap<>();
    /** The next offset of each partition; guarded by this store's monitor (its views share it). */
    private final Map<StreamPartition, Long> stored = new HashMap<>();
    /** Cell summaries per endpoint, and the times of rows stored without one (their windows read rows). */
    private final Map<List<String>, List<CellSummary>> summaries = new HashMap<>();
    private final Map<List<String>, List<Instant>> unsummarized = new HashMap<>();

    @Override
    public void write(List<SampleRow> batch, long nextOffset) {
        write(StreamPartition.SINGLE, batch, nextOffset);
    }

    /** A view keeping the stored offset of {@code partition} (offsets of partitions independent); reads see all rows. */
    @Override
    public SampleStore forPartition(StreamPartition partition) {
        if (partition.single()) {
            return this;
        }
        return new MemorySamplePartition(this, partition);
    }

    @Override
    public void write(List<SampleRow> batch, List<CellSummary> cells, long nextOffset) {
        write(StreamPartition.SINGLE, batch, cells, nextOffset);
    }

    synchronized void write(StreamPartition p, List<SampleRow> batch, long nextOffset) {
        write(p, batch, List.of(), nextOffset);
    }

    synchronized void write(StreamPartition p, List<SampleRow> batch, List<CellSummary> cells, long nextOffset) {
        if (nextOffset < 0) {
            throw new IllegalArgumentException("nextOffset must be >= 0, got " + nextOffset);
        }
        if (nextOffset <= storedOffset(p)) {
            return;
        }
        for (SampleRow r : batch) {
            Objects.requireNonNull(r.timestamp(), "row timestamp");
            rows.computeIfAbsent(List.of(r.project(), r.uid()), k -> new ArrayList<>()).add(r);
        }
        keepSummaries(batch, cells);
        stored.put(p, nextOffset);
    }

    /** Stores the cells; rows of an endpoint-hour that has no cell in this write are marked unsummarized. */
    private void keepSummaries(List<SampleRow> batch, List<CellSummary> cells) {
        Set<List<Object>> covered = new HashSet<>();
        for (CellSummary c : cells) {
            summaries.computeIfAbsent(List.of(c.project(), c.uid()), k -> new ArrayList<>()).add(c);
            covered.add(List.of(c.project(), c.uid(), c.hour()));
        }
        for (SampleRow r : batch) {
            if (!covered.contains(List.of(r.project(), r.uid(), CellSummary.hourOf(r.timestamp())))) {
                unsummarized.computeIfAbsent(List.of(r.project(), r.uid()), k -> new ArrayList<>()).add(r.timestamp());
            }
        }
    }

    @Override
    public synchronized Optional<WindowSummary> summary(String project, String uid, Window window) {
        List<String> key = List.of(project, uid);
        if (unsummarized.getOrDefault(key, List.of()).stream().anyMatch(window::contains)) {
            return Optional.empty();
        }
        return CellSummary.forWindow(summaries.getOrDefault(key, List.of()), window);
    }

    @Override
    public synchronized List<CellSummary> cellSummaries(String project, String uid, Window range) {
        return summaries.getOrDefault(List.of(project, uid), List.of()).stream()
                .filter(c -> c.cell().start().isBefore(range.end()) && range.start().isBefore(c.cell().end()))
                .toList();
    }

    @Override
    public long storedOffset() {
        return storedOffset(StreamPartition.SINGLE);
    }

    synchronized long storedOffset(StreamPartition p) {
        return stored.getOrDefault(p, 0L);
    }

    @Override
    public SampleFrame read(String project, String uid, Window window) {
        return SummarizedFrame.of(new MemorySampleFrame(select(project, uid, window.start(), window.end())),
                () -> summary(project, uid, window));
    }

    private synchronized List<SampleRow> select(String project, String uid, Instant start, Instant end) {
        return rows.getOrDefault(List.of(project, uid), List.of()).stream()
                .filter(r -> MemoryTimeSeriesStore.in(r.timestamp(), start, end))
                .sorted(Comparator.comparing(SampleRow::timestamp)).toList();
    }

    @Override
    public void export(String project, String uid, Instant start, Instant end, String format, OutputStream out)
            throws IOException {
        String f = Objects.requireNonNull(format, "format").toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("json") && !f.equals("parquet")) {
            throw new IllegalArgumentException("unknown export format '" + format + "' (expected parquet, csv or json)");
        }
        if (f.equals("parquet")) {
            throw new UnsupportedOperationException("the in-memory sample store cannot write parquet");
        }
        MemorySampleFrame frame = new MemorySampleFrame(select(project, uid, start, end));
        if (f.equals("csv")) {
            writeCsv(frame, out);
        } else {
            writeJson(frame, out);
        }
    }

    private static void writeCsv(MemorySampleFrame frame, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("timestamp", "request_id", "latency"));
        header.addAll(frame.columnNames());
        w.write(String.join(",", header.stream().map(MemorySampleStore::csv).toList()) + "\n");
        for (SampleRow r : frame.rows()) {
            List<String> cells = new ArrayList<>();
            cells.add(r.timestamp().toString());
            cells.add(csv(r.requestId()));
            cells.add(Long.toString(r.latencyMicros()));
            for (String c : frame.columnNames()) {
                Object v = r.values().get(c);
                cells.add(v == null ? "" : csv(v.toString()));
            }
            w.write(String.join(",", cells) + "\n");
        }
        w.flush();
    }

    private static String csv(String s) {
        if (s == null) {
            return "";
        }
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static void writeJson(MemorySampleFrame frame, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartArray();
            for (SampleRow r : frame.rows()) {
                g.writeStartObject();
                g.writeStringField("timestamp", r.timestamp().toString());
                g.writeStringField("request_id", r.requestId());
                g.writeNumberField("latency", r.latencyMicros());
                for (String c : frame.columnNames()) {
                    g.writeFieldName(c);
                    JSON.writeValue(g, r.values().get(c));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /** Cells that lost rows to retention lose their summary; their remaining rows are read as rows. */
    private void dropSummariesBefore(Instant cutoff) {
        summaries.forEach((key, cells) -> cells.removeIf(c -> {
            boolean cut = c.cell().start().isBefore(cutoff);
            if (cut) {
                rows.getOrDefault(key, List.of()).stream().map(SampleRow::timestamp).filter(c.cell()::contains)
                        .forEach(t -> unsummarized.computeIfAbsent(key, k -> new ArrayList<>()).add(t));
            }
            return cut;
        }));
        unsummarized.values().forEach(l -> l.removeIf(t -> t.isBefore(cutoff)));
    }

    @Override
    public synchronized void deleteEndpoint(String project, String uid) {
        rows.remove(List.of(project, uid));
        summaries.remove(List.of(project, uid));
        unsummarized.remove(List.of(project, uid));
    }

    @Override
    public synchronized void deleteProject(String project) {
        rows.keySet().removeIf(k -> k.get(0).equals(project));
        summaries.keySet().removeIf(k -> k.get(0).equals(project));
        unsummarized.keySet().removeIf(k -> k.get(0).equals(project));
    }

    @Override
    public synchronized long deleteOlderThan(Instant cutoff) {
        long removed = 0;
        for (List<SampleRow> list : rows.values()) {
            int before = list.size();
            list.removeIf(r -> r.timestamp().isBefore(cutoff));
            removed += before - list.size();
        }
        dropSummariesBefore(cutoff);
        return removed;
    }
}
