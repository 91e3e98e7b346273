package io.driftwatch.store.embedded.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.ResultKind;
import io.driftwatch.ResultStatus;
import io.driftwatch.engine.port.TimeSeriesRecords.AppResult;
import io.driftwatch.engine.port.TimeSeriesStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** IN lists of few SQL texts ({@link Sql#inLists}) and the batched reads that use them. */
class SqlInListsTest {

    @Test
    void partsArePaddedToOneOfFiveSizesWithEveryValueOnce() {
        for (int n : List.of(1, 2, 4, 5, 64, 65, 256, 257, 1000)) {
            List<String> values = IntStream.range(0, n).mapToObj(i -> "u" + i).toList();
            List<List<String>> parts = Sql.inLists(values);
            assertThat(parts).allSatisfy(p -> assertThat(p.size()).isIn(1, 4, 16, 64, 256));
            assertThat(parts).hasSize((n + Sql.IN_LIST - 1) / Sql.IN_LIST);
            List<String> distinct = new ArrayList<>();
            parts.forEach(p -> distinct.addAll(new LinkedHashSet<>(p)));
            assertThat(distinct).as(n + " values").containsExactlyElementsOf(values);
        }
        assertThat(Sql.inLists(List.of())).isEmpty();
    }

    @Test
    void latestOfManyEndpointsAcrossPartsEqualsTheLatestOfEach() throws Exception {
        try (EmbeddedStores stores = DuckStores.open(DuckStores.newDir())) {
            TimeSeriesStore ts = stores.timeSeries();
            Instant end = Instant.parse("2025-01-01T10:00:00Z");
            List<String> uids = IntStream.range(0, 300).mapToObj(i -> "u" + i).toList();
            ts.writeAppResults(uids.stream().map(u -> new AppResult("p", u, "a", end.minusSeconds(60), end, "r",
                    u.length(), ResultKind.DATA_DRIFT, ResultStatus.NO_DETECTION, null)).toList());
            List<String> asked = new ArrayList<>(uids.subList(1, 299));
            asked.add("missing");
            assertThat(ts.latestAppResults("p", asked)).extracting(AppResult::uid)
                    .containsExactlyInAnyOrderElementsOf(uids.subList(1, 299));
        }
    }
}
