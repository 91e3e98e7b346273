package io.driftwatch.server;

import io.driftwatch.FeatureStats;
import io.driftwatch.Histogram;
import io.driftwatch.NumericStats;
import io.driftwatch.engine.memory.MemoryStores;
import io.driftwatch.engine.port.ProjectRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An API server over the in-memory stores with small engine hooks, for route tests. */
final class ApiFixture implements AutoCloseable {
    final Backend backend;
    final ApiServer server;
    final Http http;
    final AtomicInteger controllerRuns = new AtomicInteger();
    final List<String> changed = new java.util.concurrent.CopyOnWriteArrayList<>();

    ApiFixture(Path dir) {
        EngineHooks hooks = new EngineHooks() {
            @Override
            public FeatureStats referenceStats(Path trainingSet) throws IOException {
                return csvStats(trainingSet);
            }

            @Override
            public int runController(String project) {
                return controllerRuns.incrementAndGet();
            }

            @Override
            public void monitoringChanged(String project) {
                changed.add(project);
            }

            @Override
            public void checkApplication(ProjectRecords.AppRegistration app) {
                try {
                    Class.forName(app.className());
                } catch (ClassNotFoundException e) {
                    throw new IllegalArgumentException("class " + app.className() + " not found");
                }
            }

            @Override
            public Optional<ProjectRecords.AppRegistration> defaultApplication(String project) {
                return Optional.of(new ProjectRecords.AppRegistration(project, "histogram-data-drift",
                        "java.lang.Object", null, Map.of(), backend.clock().instant()));
            }
        };
        backend = new Backend(Clock.systemUTC(), MemoryStores.projectStore(), MemoryStores.endpointStore(),
                MemoryStores.timeSeriesStore(), MemoryStores.sampleStore(), new FakeStream(), hooks);
        server = ApiServer.start(backend, ServerConfig.defaults().withPort(0).withDataDir(dir));
        http = new Http(server.port());
    }

    /** Count, mean, min, max of each numeric CSV column (quantiles and std left NaN); a 1-bin histogram. */
    static FeatureStats csvStats(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("empty CSV");
        }
        String[] header = lines.getFirst().split(",");
        Map<String, NumericStats> out = new LinkedHashMap<>();
        for (int c = 0; c < header.length; c++) {
            double sum = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (String l : lines.subList(1, lines.size())) {
                double v = Double.parseDouble(l.split(",")[c]);
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            int n = lines.size() - 1;
            out.put(header[c], new NumericStats(n, sum / n, Double.NaN, min, Double.NaN, Double.NaN, Double.NaN, max,
                    Histogram.of(new double[] {n}, new double[] {min, max})));
        }
        return FeatureStats.of(out);
    }

    @Override
    public void close() {
        server.close();
    }
}
