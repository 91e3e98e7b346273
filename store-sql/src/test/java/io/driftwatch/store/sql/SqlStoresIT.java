package io.driftwatch.store.sql;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.ModelEndpoint;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.memory.MutableClock;
import io.driftwatch.engine.port.ProcessorSink;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.testkit.TestData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the SQL stores promise beyond the contract kits, on both servers. */
@ExtendWith(SqlDatabaseExtension.class)
class SqlStoresIT {
    private static final StreamPartition P0 = new StreamPartition("monitoring_stream_fraud", 0);
    private static final StreamPartition P1 = new StreamPartition("monitoring_stream_fraud", 1);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eachPartitionKeepsItsOwnOffsetWrittenWithItsEffects(TestDatabase server) throws Exception {
        SqlStores stores = SqlDatabaseExtension.fresh(server);
        ProcessorSink sink = stores.processorSink();
        assertThat(sink.forPartition(StreamPartition.SINGLE)).isSameAs(sink);
        ModelEndpoint e = TestData.bareEndpoint("p", "serving", "m");
        sink.forPartition(P0).apply(List.of(e), List.of(prediction(e, 0)), List.of(), 10);
        sink.forPartition(P1).apply(List.of(), List.of(prediction(e, 1)), List.of(), 5);
        sink.forPartition(P0).apply(List.of(), List.of(prediction(e, 2)), List.of(), 7); // a replay of P0
        sink.apply(List.of(), List.of(), List.of(), 3);
        SqlStores other = SqlDatabaseExtension.reopened(server);
        assertThat(other.processorSink().forPartition(P0).appliedOffset()).isEqualTo(10);
        assertThat(other.processorSink().forPartition(P1).appliedOffset()).isEqualTo(5);
        assertThat(other.processorSink().appliedOffset()).isEqualTo(3);
        assertThat(other.timeSeries().predictions("p", e.uid(), T0, T0.plusSeconds(10))).hasSize(2);
        assertThat(rows(server, "SELECT stream, partition_id, next_offset FROM processor_offsets ORDER BY stream, "
                + "partition_id")).containsExactly("log/0/3", "monitoring_stream_fraud/0/10",
                "monitoring_stream_fraud/1/5");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void twoProcessesApplyingTheSamePartitionApplyEachBatchOnce(TestDatabase server) throws Exception {
        SqlDatabaseExtension.fresh(server);
        ProcessorSink a = SqlDatabaseExtension.reopened(server).processorSink().forPartition(P0);
        ProcessorSink b = SqlDatabaseExtension.reopened(server).processorSink().forPartition(P0);
        ModelEndpoint e = TestData.bareEndpoint("p", "serving", "m");
        int batches = 40;
        List<java.util.concurrent.Future<Object>> both = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (ProcessorSink sink : List.of(a, b)) {
                both.add(pool.submit(() -> {
                    for (int i = 0; i < batches; i++) {
                        List<Prediction> rows = new ArrayList<>();
                        for (int r = 0; r < 10; r++) {
                            rows.add(new Prediction("p", e.uid(), T0.plusMillis(i * 10L + r), i * 10L + r, 1, null));
                        }
                        sink.apply(List.of(e.withStatus(e.status().toBuilder().errorCount(i + 1).build())), rows,
                                List.of(), (i + 1) * 10L);
                    }
                    return null;
                }));
            }
        }
        for (var f : both) {
            f.get(); // neither failed
        }
        assertThat(rows(server, "SELECT count(*), count(DISTINCT latency_us) FROM predictions"))
                .containsExactly(batches * 10 + "/" + batches * 10);
        assertThat(a.appliedOffset()).isEqualTo(batches * 10L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aWindowsDriftIsWrittenToTheDriftRowOnlyAndTheCountersToTheirColumns(TestDatabase server) throws Exception {
        SqlDatabaseExtension.fresh(server);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        SqlStores stores = SqlDatabaseExtension.opened(server, clock);
        ModelEndpoint e = TestData.endpoint("p", "serving", "m");
        stores.endpoints().put(e);
        clock.advance(Duration.ofHours(1));
        stores.endpoints().update("p", e.uid(), ep -> ep.withStatus(ep.status().toBuilder()
                .driftStatus(ResultStatus.DETECTED).driftMeasures(Map.of("tvd_mean", 0.7)).build()));
        assertThat(rows(server, "SELECT updated FROM endpoints")).as("the endpoint row is not rewritten")
                .containsExactly(stamp(server, "2026-01-01 00:00:00"));
        assertThat(rows(server, "SELECT drift_status, updated FROM endpoint_drift"))
                .containsExactly("2/" + stamp(server, "2026-01-01 01:00:00"));
        assertThat(stores.endpoints().get("p", e.uid()).orElseThrow().status().driftMeasures())
                .containsEntry("tvd_mean", 0.7);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aConnectionLostInsideATransactionIsATransientFailureThatLeavesNothing(TestDatabase server)
            throws Exception {
        SqlStores stores = SqlDatabaseExtension.fresh(server);
        ModelEndpoint e = TestData.endpoint("p", "serving", "m");
        stores.endpoints().put(e);
        assertThatThrownBy(() -> stores.endpoints().update("p", e.uid(), ep -> {
            killOtherSessions(server);
            return ep.withStatus(ep.status().toBuilder().errorCount(999).build());
        })).isInstanceOfSatisfying(SqlStoreException.class, x -> assertThat(x.isTransient()).as(x.getMessage()).isTrue());
        assertThat(stores.endpoints().get("p", e.uid())).contains(e);
        assertThat(stores.endpoints().update("p", e.uid(), ep -> ep.withStatus(ep.status().toBuilder()
                .errorCount(999).build())).orElseThrow().status().errorCount()).isEqualTo(999);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void passwordsNeverAppearInErrors(TestDatabase server) {
        String uri = (server == TestDatabase.POSTGRESQL ? "postgresql+psycopg2" : "mysql+pymysql")
                + "://admin:Sup3rS%40cret@127.0.0.1:1/nowhere";
        assertThat(BackendUri.parse(uri).scheme()).isEqualTo(server == TestDatabase.POSTGRESQL ? "postgresql"
                : "mysql");
        assertThatThrownBy(() -> SqlStores.open(BackendUri.parse(uri), java.time.Clock.systemUTC(), 1))
                .isInstanceOf(SqlStoreException.class)
                .satisfies(x -> assertThat(x.getMessage()).contains("admin:***@127.0.0.1:1/nowhere")
                        .doesNotContain("Sup3r").doesNotContain("cret"));
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = "POSTGRESQL")
    void timeSeriesGoToDayPartitionsThatRetentionDrops(TestDatabase server) throws Exception {
        SqlStores stores = SqlDatabaseExtension.fresh(server);
        Instant day = Instant.parse("2031-03-01T00:00:00Z");
        List<Prediction> rows = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            for (int i = 0; i < 4; i++) {
                rows.add(new Prediction("p", "u", day.plus(Duration.ofDays(d)).plusSeconds(i * 3600L), 1, 1, null));
            }
        }
        stores.timeSeries().writePredictions(rows);
        assertThat(partitions(server)).contains("predictions_p20310301", "predictions_p20310302",
                "predictions_p20310303");
        // two whole days dropped, two rows of the third deleted (before 02:00)
        assertThat(stores.timeSeries().deleteOlderThan(day.plus(Duration.ofDays(2)).plusSeconds(7200)))
                .isEqualTo(10);
        assertThat(partitions(server)).doesNotContain("predictions_p20310301", "predictions_p20310302")
                .contains("predictions_p20310303");
        assertThat(stores.timeSeries().predictions("p", "u", day, day.plus(Duration.ofDays(3)))).hasSize(2);
        stores.timeSeries().writePredictions(List.of(new Prediction("p", "u", day, 1, 1, null)));
        assertThat(partitions(server)).as("a late row recreates its day").contains("predictions_p20310301");
    }

    private static List<String> partitions(TestDatabase server) throws SQLException {
        return rows(server, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'predictions'");
    }

    private static Prediction prediction(ModelEndpoint e, int i) {
        return new Prediction("p", e.uid(), T0.plusSeconds(i), 1, 1, null);
    }

    private static String stamp(TestDatabase server, String utc) {
        return server == TestDatabase.POSTGRESQL ? utc + "+00" : utc + ".000000";
    }

    private static void killOtherSessions(TestDatabase server) {
        try (Connection c = server.connect(SqlDatabaseExtension.run(server).name()); Statement s = c.createStatement()) {
            if (server == TestDatabase.POSTGRESQL) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid() AND state = 'idle in transaction'");
            } else {
                List<Long> ids = new ArrayList<>();
                // only the session inside the transaction (idle pooled sessions killed too would fail the next
                // borrowers once each, before the pool evicts them)
                try (ResultSet rs = s.executeQuery("SELECT trx_mysql_thread_id FROM information_schema.innodb_trx"
                        + " WHERE trx_mysql_thread_id <> connection_id()")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                for (long id : ids) {
                    s.execute("KILL CONNECTION " + id);
                }
            }
        } catch (SQLException x) {
            throw new IllegalStateException(x);
        }
    }

    /** The rows of a query, each as its columns joined by '/'. */
    static List<String> rows(TestDatabase server, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(SqlDatabaseExtension.run(server).name()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    cols.add(rs.getString(i));
                }
                out.add(String.join("/", cols));
            }
        }
        return out;
    }
}
