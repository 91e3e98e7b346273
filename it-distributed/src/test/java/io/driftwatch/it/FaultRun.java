package io.driftwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.EndpointId;
import io.driftwatch.client.DriftwatchClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One fault test: a server on Kafka + {@code db} (both stores) + S3, project {@code project} with monitoring
 * (base period 5 s) and histogram-data-drift over
 * model {@code m} logged with the iris training set (the events carry 4 inputs), {@link Ingest} writers posting {@value #WRITERS} × {@value #BATCHES}
 * batches of 20 events; the fault is injected once {@value #FAULT_AT} events are acknowledged. Then every
 * acknowledged request id must be in the endpoint's Parquet rows (data route), every row of the topic exactly once
 * in the time series (SQL {@code predictions}) and in Parquet, at least one window analysed and none twice. A last
 * event sent {@value #CLOSE_AFTER_MS} ms after the first closes the first window (base period 5 s + grace 1 s), so
 * that a window is analysed however fast the writers were.
 */
final class FaultRun {
    static final int WRITERS = 4;
    static final int BATCHES = 30;
    static final int FAULT_AT = 600;
    static final long CLOSE_AFTER_MS = 7_000;
    final Parts parts;
    final Parts.Db db;
    final String project;
    final List<String> flags;
    final Path dir;
    volatile ServerProcess server;
    Ingest ingest;
    private long startedNanos;

    FaultRun(Parts parts, Parts.Db db, String project, Path dir) {
        this.parts = parts;
        this.db = db;
        this.project = project;
        this.dir = dir;
        this.flags = ServerProcess.flags(parts, db, project, dir.resolve("data"));
    }

    String uid() {
        return EndpointId.of(project, project + "/fn", "m", null);
    }

    /** Starts the server, creates the project and starts the writers. */
    FaultRun start() {
        server = ServerProcess.start(parts, flags, dir.resolve("serve.log"));
        DriftwatchClient c = DriftwatchClient.connect(server.url());
        c.createProject(project);
        Path iris = ServerProcess.jar().getParent().getParent().getParent().resolve("examples/iris");
        c.logModel(project, "m", null, "onnx", "label", iris.resolve("iris_rf.onnx"), iris.resolve("iris.csv"));
        c.enableMonitoring(project, "5s", true);
        startedNanos = System.nanoTime();
        ingest = new Ingest(project, () -> server.url()).start(WRITERS, BATCHES);
        return this;
    }

    /** Waits (≤ 3 min) until {@value #FAULT_AT} events are acknowledged. */
    void awaitAcked() {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (ingest.acked.size() < FAULT_AT) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + ingest.acked.size() + " acknowledged:\n" + server.tail());
            }
            Parts.sleep(20);
        }
    }

    /**
     * Ends the writers (≤ 4 min), sends the closing event, waits for the rows, runs the controller until a window is
     * analysed (≤ 1 min) and checks the counts; returns them.
     */
    Counts finishAndCheck(String fault) throws Exception {
        ingest.finish(Duration.ofMinutes(4));
        int expected = WRITERS * BATCHES * Ingest.BATCH;
        assertThat(ingest.acked).as("acknowledged events (log:\n%s)", server.tail()).hasSize(expected);
        Parts.sleep(Math.max(0, CLOSE_AFTER_MS - (System.nanoTime() - startedNanos) / 1_000_000));
        ingest.sendOne("close");
        assertThat(ingest.acked).as("the closing event (log:\n%s)", server.tail()).contains("close");
        Map<String, Integer> rows = awaitRows();
        long analysed = awaitAnalysed();
        Counts n = new Counts(fault, expected, ingest.attempts.values().stream().mapToInt(Integer::intValue).sum(),
                ingest.retries.get(), ingest.unavailable.get(),
                External.topicRecords(parts, "monitoring_stream_" + project),
                db.count("SELECT count(*) FROM predictions WHERE project = ?", project),
                rows.values().stream().mapToInt(Integer::intValue).sum(), rows.size(),
                analysed,
                db.count("SELECT count(*) FROM (SELECT uid, application, name, window_end FROM app_results WHERE "
                        + "project = ? GROUP BY uid, application, name, window_end HAVING count(*) > 1) d", project),
                parts.s3.objects(project + "/").size());
        System.out.println("[fault] " + n);
        for (String id : ingest.acked) {
            assertThat(rows.getOrDefault(id, 0)).as("Parquet rows of acknowledged %s", id).isPositive()
                    .isLessThanOrEqualTo(ingest.attempts.get(id));
        }
        assertThat(n.sqlRows()).as("time-series rows = stream records (%s)", n).isEqualTo(n.topicRecords());
        assertThat(n.parquetRows()).as("Parquet rows = stream records (%s)", n).isEqualTo(n.topicRecords());
        assertThat(n.windowsTwice()).as("windows analysed twice").isZero();
        assertThat(n.appResults()).as("windows analysed (log:\n%s)", server.tail()).isPositive();
        return n;
    }

    /** The project's app results once the controller analysed a window; runs it every second (≤ 1 min). */
    private long awaitAnalysed() throws java.sql.SQLException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long n = 0;
        while (n == 0 && System.nanoTime() < deadline) {
            DriftwatchClient.connect(server.url()).runController(project);
            n = db.count("SELECT count(*) FROM app_results WHERE project = ?", project);
            if (n == 0) {
                Parts.sleep(1000);
            }
        }
        return n;
    }

    /** The data route's rows once they contain every acknowledged id and stopped changing for 2 s (≤ 2 min). */
    private Map<String, Integer> awaitRows() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Map<String, Integer> last = Map.of();
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Map<String, Integer> now = External.dataRows(server.url(), project, uid());
            if (!now.equals(last)) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now.keySet().containsAll(ingest.acked)
                    && System.nanoTime() - stableSince > Duration.ofSeconds(2).toNanos()) {
                return now;
            }
            Parts.sleep(300);
        }
        return last;
    }

    /** Stops the server and deletes the project's topic (later servers on other databases would replay it). */
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
        External.deleteTopic(parts, "monitoring_stream_" + project);
    }

    /** The measured counts of one fault test. */
    record Counts(String fault, int acked, int attempts, int retries, int unavailable, long topicRecords,
                  long sqlRows, long parquetRows, int distinctIds, long appResults, long windowsTwice, int s3Objects) {
    }
}
