package io.driftwatch.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.EndpointId;
import io.driftwatch.engine.memory.InMemoryEventStream;
import io.driftwatch.engine.memory.InMemoryPartitionedStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key of a tracking event is its endpoint uid; a single-partition stream gets the request as one append. */
class KeyedAppendsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theKeyIsTheEndpointUidOfTheEventsTopLevelFields() {
        KeyedAppends.Key k = KeyedAppends.keyOf(b("{\"inputs\":{\"model\":\"nested\"},\"function_uri\":\"p1/fn:v2\","
                + "\"model\":\"m\",\"version\":\"3\",\"project\":\"p1\"}"), null);
        assertThat(k).isEqualTo(new KeyedAppends.Key("p1", EndpointId.of("p1", "p1/fn:v2", "m", "3")));
        assertThat(KeyedAppends.keyOf(b("{\"function_uri\":\"p2/fn\",\"model\":\"m\"}"), "p2").uid())
                .as("no version: latest").isEqualTo(EndpointId.of("p2", "p2/fn", "m", null));
        assertThat(KeyedAppends.keyOf(b("[1,2]"), "p3")).isEqualTo(new KeyedAppends.Key("p3", ""));
    }

    @Test
    void aSinglePartitionStreamTakesTheWholeRequestAsOneAppend() {
        try (InMemoryEventStream s = new InMemoryEventStream()) {
            assertThat(KeyedAppends.singlePartition(s)).isTrue();
            s.append(List.of(b("{}")));
            long first = KeyedAppends.append(s, "p1", List.of(b("{\"function_uri\":\"p1/a\",\"model\":\"m\"}"),
                    b("{\"function_uri\":\"p1/b\",\"model\":\"m\"}")));
            assertThat(first).isEqualTo(1);
            assertThat(s.endOffset()).isEqualTo(3);
        }
    }

    @Test
    void aPartitionedStreamGetsOneKeyedAppendPerEndpoint() {
        InMemoryPartitionedStream s = new InMemoryPartitionedStream(4);
        assertThat(KeyedAppends.singlePartition(s)).isFalse();
        byte[] a = b("{\"function_uri\":\"p1/a\",\"model\":\"m\"}");
        byte[] bb = b("{\"function_uri\":\"p1/b\",\"model\":\"m\"}");
        assertThat(KeyedAppends.append(s, "p1", List.of(a, bb, a))).isEqualTo(KeyedAppends.NO_OFFSET);
        String uidA = EndpointId.of("p1", "p1/a", "m", null);
        String uidB = EndpointId.of("p1", "p1/b", "m", null);
        long total = s.partitions().stream().mapToLong(p -> s.partition(p).endOffset()).sum();
        assertThat(total).isEqualTo(3);
        assertThat(s.partition(s.partitionFor("p1", uidA)).endOffset()).isGreaterThanOrEqualTo(2);
        assertThat(s.partition(s.partitionFor("p1", uidB)).endOffset()).isGreaterThanOrEqualTo(1);
        s.close();
    }
}
