package io.driftwatch.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL history rows appended with COPY ({@link PgCopy}) read back exactly as the same rows inserted with
 * the driver's bound parameters (the MySQL path and the one before): text with CSV's special characters, null and
 * empty extra data, NaN, infinities, -0.0 and the shortest doubles, times with nanoseconds (the driver keeps
 * microseconds), in write order.
 */
class PgCopyIT {
    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    private static final String RESULT_COLUMNS = "project, uid, application, window_start, window_end, name, value, "
            + "kind, status, extra_data";

    private static List<AppResult> results(String project) {
        List<AppResult> out = new ArrayList<>();
        String[] extras = {null, "", "{\"a\":\"x,y \\\"q\\\"\\n\"}", "line1\nline2,\"quoted\"\\", "é€ 𝄞\t", "NULL"};
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.1, 1e-300,
                Double.MAX_VALUE, 12345.678901234567};
        Instant[] ends = {T0, T0.plusNanos(123_456_789), T0.plusNanos(999_999_700), T0.plusNanos(1_500)};
        for (int i = 0; i < 24; i++) {
            Instant end = ends[i % ends.length];
            out.add(new AppResult(project, "u,\"1\"", "app", end.minusSeconds(600), end, "r" + i % 3,
                    values[i % values.length], ResultKind.DATA_DRIFT, ResultStatus.values()[i % 3],
                    extras[i % extras.length]));
        }
        return out;
    }

    @Test
    void copiedRowsReadBackAsInsertedRowsInWriteOrder() throws Exception {
        TestDatabase server = TestDatabase.POSTGRESQL;
        String name = server.create();
        try (SqlStores stores = server.open(name, Clock.systemUTC())) {
            TimeSeriesStore series = stores.timeSeries();
            List<AppResult> copied = results("copied");
            List<AppMetric> metrics = copied.stream().map(r -> new AppMetric("copied", r.uid(), r.application(),
                    r.windowStart(), r.windowEnd(), r.name(), r.value())).toList();
            series.writeAppOutputs(copied, metrics);
            try (Connection c = server.connect(name)) {
                Jdbc.batch(c, Dialect.POSTGRESQL, "INSERT INTO app_results (" + RESULT_COLUMNS + ") VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", results("inserted"), r -> Arrays.asList(r.project(),
                        r.uid(), r.application(), r.windowStart(), r.windowEnd(), r.name(), r.value(),
                        r.kind().code(), r.status().code(), r.extraDataJson()));
            }
            Instant from = T0.minusSeconds(1);
            Instant to = T0.plusSeconds(2);
            List<AppResult> viaCopy = series.appResultHistory("copied", "u,\"1\"", null, null, from, to);
            List<AppResult> viaInsert = series.appResultHistory("inserted", "u,\"1\"", null, null, from, to);
            assertThat(viaCopy).hasSize(24).isEqualTo(viaInsert.stream().map(r -> new AppResult("copied", r.uid(),
                    r.application(), r.windowStart(), r.windowEnd(), r.name(), r.value(), r.kind(), r.status(),
                    r.extraDataJson())).toList());
            assertThat(viaCopy).filteredOn(r -> r.windowEnd().equals(T0)).extracting(AppResult::name)
                    .as("write order within a window end").containsExactly("r0", "r1", "r2", "r0", "r1", "r2");
            assertThat(viaCopy).extracting(AppResult::extraDataJson).contains(null, "", "NULL");
            assertThat(series.appMetrics("copied", "u,\"1\"", "app", null, from, to)).isNotEmpty()
                    .allMatch(m -> m.project().equals("copied"));
        } finally {
            server.drop(name);
        }
    }
}
