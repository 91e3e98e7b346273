package io.driftwatch.testkit;

import static io.driftwatch.testkit.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.LabelRecord;
import io.driftwatch.engine.port.TimeSeriesRecords.AppMetric;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesRecords.ErrorEvent;
import io.driftwatch.engine.port.TimeSeriesRecords.LatestEnd;
import io.driftwatch.engine.port.TimeSeriesRecords.Prediction;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TimeSeriesStore} must have: half-open {@code [start, end)} ranges, rows ordered by
 * time, scoping by project and uid, microsecond times. Subclass it and implement {@link #createStore()}.
 */
public abstract class TimeSeriesStoreContract {
    protected TimeSeriesStore store;

    /** A new, empty store. */
    protected abstract TimeSeriesStore createStore() throws Exception;

    /** The same data opened again; in-memory stores return it as is. */
    protected TimeSeriesStore reopen(TimeSeriesStore old) throws Exception {
        return old;
    }

    @BeforeEach
    void setUpStore() throws Exception {
        store = createStore();
    }

    static AppResult result(String app, String name, Instant end, double value) {
        return new AppResult("p", "u", app, end.minusSeconds(600), end, name, value, ResultKind.DATA_DRIFT,
                ResultStatus.POTENTIAL_DETECTION, "{\"tvd\":0.5,\"nested\":{\"a\":[1,2]}}");
    }

    /** Ground-truth labels (issue 20). */
    @Nested
    class Labels {
        private LabelRecord label(String uid, String id, int row, Instant t, String json) {
            return new LabelRecord("p", uid, id, row, t, json, T0.plusSeconds(3600));
        }

        @Test
        void labelsAreUpsertedPerPredictionRowAndReadByPredictionTime() throws Exception {
            store.writeLabels(List.of(label("u", "r1", 0, T0, "1"),
                    label("u", "r1", 1, T0.plusNanos(1000), "\"b\""), label("u", "r2", 0, T0.plusSeconds(60), "true"),
                    label("other", "r1", 0, T0, "5")));
            store.writeLabels(List.of(label("u", "r1", 0, T0, "2"))); // replaces, the rest stays
            store = reopen(store);
            assertThat(store.labels("p", "u", T0, T0.plusSeconds(60))).containsExactlyInAnyOrder(
                    label("u", "r1", 0, T0, "2"), label("u", "r1", 1, T0.plusNanos(1000), "\"b\""));
            assertThat(store.labels("p", "u", T0.plusNanos(1000), T0.plusSeconds(61))).hasSize(2);
            store.deleteEndpoint("p", "u");
            assertThat(store.labels("p", "u", T0, T0.plusSeconds(120))).isEmpty();
            assertThat(store.labels("p", "other", T0, T0.plusSeconds(120))).hasSize(1);
            assertThat(store.deleteOlderThan(T0.plusSeconds(1))).isPositive();
            assertThat(store.labels("p", "other", T0, T0.plusSeconds(120))).isEmpty();
        }
    }

    /** Predictions and errors. */
    @Nested
    class Predictions {
        @Test
        void predictionsRoundTripInHalfOpenRangesByTime() throws Exception {
            Prediction p1 = new Prediction("p", "u", T0, 1500, 1, Map.of("accuracy", 0.75));
            Prediction p2 = new Prediction("p", "u", T0.plusSeconds(10), 2_500_000, 32, Map.of());
            Prediction p3 = new Prediction("p", "u", T0.plusSeconds(20), 7, 2, Map.of("a", 1.0, "b", -2.5));
            store.writePredictions(List.of(p3, p1));
            store.writePredictions(List.of(p2, new Prediction("p", "other", T0, 1, 1, null),
                    new Prediction("q", "u", T0, 1, 1, null)));
            store = reopen(store);
            assertThat(store.predictions("p", "u", T0, T0.plusSeconds(21))).containsExactly(p1, p2, p3);
            assertThat(store.predictions("p", "u", T0.plusNanos(1000), T0.plusSeconds(20))).containsExactly(p2);
            assertThat(store.predictions("p", "u", T0.plusSeconds(30), T0.plusSeconds(40))).isEmpty();
        }

        @Test
        void errorsRoundTrip() throws Exception {
            ErrorEvent e1 = new ErrorEvent("p", "u", T0, "model_error", "division by zero");
            ErrorEvent e2 = new ErrorEvent("p", "u", T0.plusSeconds(1), "data_processing", "missing 'when'; \"quoted\"");
            store.writeErrors(List.of(e2, e1, new ErrorEvent("p", "v", T0, "model_error", "x")));
            store = reopen(store);
            assertThat(store.errors("p", "u", T0, T0.plusSeconds(2))).containsExactly(e1, e2);
            assertThat(store.errors("p", "u", T0, T0.plusSeconds(1))).containsExactly(e1);
        }
    }

    /** Application results and metrics. */
    @Nested
    class AppOutputs {
        @Test
        void appResultsFilterByApplicationNameAndWindowEnd() throws Exception {
            AppResult a1 = result("drift", "general_drift", T0, 0.25);
            AppResult a2 = result("drift", "general_drift", T0.plusSeconds(600), 0.75);
            AppResult b1 = result("perf", "latency", T0.plusSeconds(300), 3.5);
            store.writeAppResults(List.of(a2, b1, a1));
            store = reopen(store);
            assertThat(store.appResults("p", "u", null, null, T0, T0.plusSeconds(601))).containsExactly(a1, b1, a2);
            assertThat(store.appResults("p", "u", "drift", null, T0, T0.plusSeconds(600))).containsExactly(a1);
            assertThat(store.appResults("p", "u", null, "latency", T0, T0.plusSeconds(601))).containsExactly(b1);
            assertThat(store.appResults("p", "x", null, null, T0, T0.plusSeconds(601))).isEmpty();
        }

        @Test
        void aRewrittenWindowReplacesTheCurrentResultAndKeepsTheHistory() throws Exception {
            AppResult first = result("drift", "general_drift", T0, 0.25);
            AppResult other = result("drift", "general_drift", T0.plusSeconds(600), 0.5);
            AppResult again = result("drift", "general_drift", T0, 0.75);
            store.writeAppResults(List.of(first, other));
            store.writeAppResults(List.of(again));
            store = reopen(store);
            assertThat(store.appResults("p", "u", null, null, T0, T0.plusSeconds(601))).containsExactly(again, other);
            assertThat(store.appResultHistory("p", "u", "drift", "general_drift", T0, T0.plusSeconds(601)))
                    .containsExactly(first, again, other);
            AppMetric m1 = new AppMetric("p", "u", "drift", T0.minusSeconds(600), T0, "tvd_mean", 0.5);
            AppMetric m2 = new AppMetric("p", "u", "drift", T0.minusSeconds(600), T0, "tvd_mean", 0.8);
            store.writeAppMetrics(List.of(m1));
            store.writeAppMetrics(List.of(m2));
            assertThat(store.appMetrics("p", "u", "drift", null, T0, T0.plusSeconds(1))).containsExactly(m2);
        }

        @Test
        void appMetricsFilterByApplicationNameAndWindowEnd() {
            AppMetric m1 = new AppMetric("p", "u", "drift", T0.minusSeconds(600), T0, "tvd_mean", 0.5);
            AppMetric m2 = new AppMetric("p", "u", "drift", T0, T0.plusSeconds(600), "tvd_mean", 0.25);
            AppMetric m3 = new AppMetric("p", "u", "drift", T0, T0.plusSeconds(600), "kld_mean", 1.25);
            store.writeAppMetrics(List.of(m1, m2, m3));
            assertThat(store.appMetrics("p", "u", "drift", "tvd_mean", T0, T0.plusSeconds(601)))
                    .containsExactly(m1, m2);
            assertThat(store.appMetrics("p", "u", null, null, T0.plusSeconds(1), T0.plusSeconds(601)))
                    .containsExactlyInAnyOrder(m2, m3);
        }

        @Test
        void latestIsTheNewestWindowPerApplicationAndName() {
            AppResult a1 = result("drift", "general_drift", T0, 0.25);
            AppResult a2 = result("drift", "general_drift", T0.plusSeconds(600), 0.75);
            AppResult b1 = result("perf", "latency", T0.plusSeconds(300), 3.5);
            store.writeAppResults(List.of(a2, b1, a1));
            assertThat(store.latestAppResults("p", "u")).containsExactlyInAnyOrder(a2, b1);
            AppMetric m1 = new AppMetric("p", "u", "drift", T0.minusSeconds(600), T0, "tvd_mean", 0.5);
            AppMetric m2 = new AppMetric("p", "u", "drift", T0, T0.plusSeconds(600), "tvd_mean", 0.25);
            store.writeAppMetrics(List.of(m2, m1));
            assertThat(store.latestAppMetrics("p", "u")).containsExactly(m2);
            assertThat(store.latestAppMetrics("p", "other")).isEmpty();
        }

        @Test
        void latestEndsAreTheKeysAndWindowEndsOfTheLatestRowsOfTheGivenEndpoints() {
            AppResult a1 = result("drift", "general_drift", T0, 0.25);
            AppResult a2 = result("drift", "general_drift", T0.plusSeconds(600), 0.75);
            AppResult v1 = new AppResult("p", "v", "perf", T0, T0.plusSeconds(300), "latency", 3.5,
                    ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION, "{}");
            AppResult w1 = new AppResult("p", "w", "perf", T0, T0.plusSeconds(900), "latency", 1.5,
                    ResultKind.MODEL_PERFORMANCE, ResultStatus.NO_DETECTION, "{}");
            store.writeAppResults(List.of(a2, v1, a1, w1));
            AppMetric m1 = new AppMetric("p", "u", "drift", T0.minusSeconds(600), T0, "tvd_mean", 0.5);
            AppMetric m2 = new AppMetric("p", "u", "drift", T0, T0.plusSeconds(600), "tvd_mean", 0.25);
            store.writeAppMetrics(List.of(m2, m1));
            assertThat(store.latestResultEnds("p", List.of("u", "v", "none"))).containsExactlyInAnyOrder(
                    new LatestEnd("u", "drift", "general_drift", T0.plusSeconds(600)),
                    new LatestEnd("v", "perf", "latency", T0.plusSeconds(300)));
            assertThat(store.latestMetricEnds("p", List.of("u", "v"))).containsExactly(
                    new LatestEnd("u", "drift", "tvd_mean", T0.plusSeconds(600)));
            assertThat(store.latestResultEnds("other", List.of("u"))).isEmpty();
        }
    }

    /** Deleting an endpoint. */
    @Nested
    class Deletion {
        @Test
        void deleteEndpointRemovesOnlyItsRows() {
            store.writePredictions(List.of(new Prediction("p", "u", T0, 1, 1, null),
                    new Prediction("p", "v", T0, 1, 1, null)));
            store.writeErrors(List.of(new ErrorEvent("p", "u", T0, "model_error", "x")));
            store.writeAppResults(List.of(result("drift", "general_drift", T0, 0.5)));
            store.writeAppMetrics(List.of(new AppMetric("p", "u", "drift", T0.minusSeconds(1), T0, "m", 1)));
            store.deleteEndpoint("p", "u");
            Instant end = T0.plusSeconds(1);
            assertThat(store.predictions("p", "u", T0, end)).isEmpty();
            assertThat(store.errors("p", "u", T0, end)).isEmpty();
            assertThat(store.appResults("p", "u", null, null, T0, end)).isEmpty();
            assertThat(store.latestAppMetrics("p", "u")).isEmpty();
            assertThat(store.predictions("p", "v", T0, end)).hasSize(1);
        }
    }

    /** Project deletion: every row of the project goes, other projects keep theirs. */
    @Nested
    class ProjectDeletion {
        @Test
        void deleteProjectRemovesEveryTableOfThatProjectOnly() throws Exception {
            for (String p : List.of("p", "q")) {
                store.writePredictions(List.of(new Prediction(p, "u", T0, 1, 1, null)));
                store.writeErrors(List.of(new ErrorEvent(p, "u", T0, "model_error", "x")));
                store.writeAppResults(List.of(new AppResult(p, "u", "a", T0.minusSeconds(60), T0, "r", 1,
                        ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, "{}")));
                store.writeAppMetrics(List.of(new AppMetric(p, "u", "a", T0.minusSeconds(60), T0, "m", 2)));
            }
            store.deleteProject("p");
            store = reopen(store);
            Instant end = T0.plusSeconds(1);
            assertThat(store.predictions("p", "u", T0, end)).isEmpty();
            assertThat(store.errors("p", "u", T0, end)).isEmpty();
            assertThat(store.appResults("p", "u", null, null, T0, end)).isEmpty();
            assertThat(store.appMetrics("p", "u", null, null, T0, end)).isEmpty();
            assertThat(store.latestAppResults("p", "u")).isEmpty();
            assertThat(store.predictions("q", "u", T0, end)).hasSize(1);
            assertThat(store.errors("q", "u", T0, end)).hasSize(1);
            assertThat(store.appResults("q", "u", null, null, T0, end)).hasSize(1);
            assertThat(store.appMetrics("q", "u", null, null, T0, end)).hasSize(1);
        }
    }

    /** Retention: rows older than the cutoff go (results by window end), the rest stays. */
    @Nested
    class Retention {
        @Test
        void deleteOlderThanRemovesRowsBeforeTheCutoffOnly() throws Exception {
            Instant cutoff = T0.plusSeconds(3600);
            for (Instant t : List.of(T0, cutoff.minusNanos(1000), cutoff, cutoff.plusSeconds(60))) {
                store.writePredictions(List.of(new Prediction("p", "u", t, 1, 1, null)));
                store.writeErrors(List.of(new ErrorEvent("q", "u", t, "model_error", "x")));
                store.writeAppResults(List.of(result("a", "r", t, 0.5)));
                store.writeAppMetrics(List.of(new AppMetric("p", "u", "a", t.minusSeconds(7200), t, "m", 2)));
            }
            assertThat(store.deleteOlderThan(cutoff)).isEqualTo(8);
            store = reopen(store);
            Instant end = cutoff.plusSeconds(3600);
            assertThat(store.predictions("p", "u", T0, end)).extracting(Prediction::time)
                    .containsExactly(cutoff, cutoff.plusSeconds(60));
            assertThat(store.errors("q", "u", T0, end)).hasSize(2);
            assertThat(store.appResults("p", "u", null, null, T0, end)).extracting(AppResult::windowEnd)
                    .containsExactly(cutoff, cutoff.plusSeconds(60));
            assertThat(store.appMetrics("p", "u", null, null, T0, end)).hasSize(2);
            assertThat(store.deleteOlderThan(cutoff)).isZero();
        }
    }

    /** The latest outputs of many endpoints and a project's results in one bounded query (issue 17). */
    @Nested
    class ManyEndpoints {
        private AppResult at(String uid, String app, String name, Instant end, double value) {
            return new AppResult("p", uid, app, end.minusSeconds(600), end, name, value, ResultKind.DATA_DRIFT,
                    ResultStatus.NO_DETECTION, "{}");
        }

        @Test
        void latestOfManyEndpointsEqualsTheLatestOfEach() throws Exception {
            store.writeAppResults(List.of(at("u1", "a", "r", T0.plusSeconds(600), 1), at("u2", "a", "r", T0, 2)));
            store.writeAppResults(List.of(at("u1", "a", "r", T0, 3), at("u1", "b", "r", T0, 4),
                    at("u3", "a", "r", T0, 5))); // an older window of u1/a/r does not replace its latest
            store.writeAppResults(List.of(at("u2", "a", "r", T0, 6))); // the same window again: the later wins
            store.writeAppMetrics(List.of(new AppMetric("p", "u1", "a", T0, T0.plusSeconds(600), "m", 1),
                    new AppMetric("p", "u2", "a", T0, T0.plusSeconds(600), "m", 2),
                    new AppMetric("p", "u2", "a", T0.minusSeconds(600), T0, "m", 3)));
            store = reopen(store);
            List<AppResult> each = new java.util.ArrayList<>(store.latestAppResults("p", "u1"));
            each.addAll(store.latestAppResults("p", "u2"));
            assertThat(store.latestAppResults("p", List.of("u1", "u2", "u9"))).containsExactlyInAnyOrderElementsOf(each)
                    .extracting(AppResult::value).containsExactlyInAnyOrder(1.0, 4.0, 6.0);
            assertThat(store.latestAppResults("q", List.of("u1"))).isEmpty();
            assertThat(store.latestAppResults("p", List.of())).isEmpty();
            assertThat(store.latestAppMetrics("p", List.of("u1", "u2"))).extracting(AppMetric::value)
                    .containsExactlyInAnyOrder(1.0, 2.0);
            store.deleteEndpoint("p", "u1");
            assertThat(store.latestAppResults("p", List.of("u1", "u2"))).extracting(AppResult::uid)
                    .containsExactly("u2");
        }

        @Test
        void projectResultsAreTheCurrentOnesOfEveryEndpointNewestFirstWithinTheLimit() throws Exception {
            Instant w1 = T0.plusSeconds(600);
            Instant w2 = T0.plusSeconds(1200);
            store.writeAppResults(List.of(at("u2", "a", "r", w1, 1), at("u1", "a", "r", w1, 2),
                    at("u1", "a", "r", w2, 3), at("u1", "a", "r", T0, 4)));
            store.writeAppResults(List.of(at("u1", "a", "r", w1, 5))); // replaces u1's window w1
            store.writeAppResults(List.of(new AppResult("q", "u1", "a", w1, w2, "r", 9, ResultKind.DATA_DRIFT,
                    ResultStatus.NO_DETECTION, "{}")));
            store = reopen(store);
            assertThat(store.projectAppResults("p", w1, w2.plusSeconds(1), 100)).extracting(AppResult::value)
                    .containsExactly(5.0, 1.0, 3.0); // by window end, then uid
            assertThat(store.projectAppResults("p", w1, w2.plusSeconds(1), 2)).extracting(AppResult::value)
                    .as("the newest within the limit").containsExactly(1.0, 3.0);
            assertThat(store.projectAppResults("p", T0, w1, 100)).extracting(AppResult::value).containsExactly(4.0);
            assertThat(store.projectAppResults("r", T0, w2.plusSeconds(1), 100)).isEmpty();
        }
    }
}
