package io.driftwatch.stream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.driftwatch.engine.backend.BackendUri;
import io.driftwatch.engine.port.EventStream;
import io.driftwatch.engine.port.StreamPartition;
import io.driftwatch.engine.port.StreamRecord;
import io.driftwatch.testkit.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Which topics a processor's group member subscribes (issue 16): only those of the projects its filter accepts and of
 * its stream's topic prefix. Two deployments in the same group {@code driftwatch-processor} on one broker are each
 * assigned their own projects' partitions only; a stream opened with {@code ?topic_prefix=} puts a project's events
 * in {@code {prefix}{project}} and is assigned no {@code monitoring_stream_*} topic of the shared broker.
 */
class KafkaProjectScopeIT {
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);

    private static KafkaEventStream open(String query) {
        return new KafkaEventStream(KafkaSettings.of(BackendUri.parse(KafkaBroker.shared().streamPath() + query),
                Map.of(KafkaSettings.PARTITIONS, "2", KafkaSettings.TIMEOUT_MS, "5000")));
    }

    /** Records what the member was assigned and has not had revoked. */
    private static final class Owned implements EventStream.Assignment {
        final Set<StreamPartition> now = ConcurrentHashMap.newKeySet();
        final Set<String> everTopics = ConcurrentHashMap.newKeySet();

        @Override
        public void assigned(Collection<StreamPartition> partitions) {
            now.addAll(partitions);
            partitions.forEach(p -> everTopics.add(p.stream()));
        }

        @Override
        public void revoked(Collection<StreamPartition> partitions) {
            partitions.forEach(now::remove);
        }
    }

    @Test
    void twoDeploymentsInOneGroupAreEachAssignedOnlyTheirOwnProjects() throws Exception {
        String pa = "scope-a-" + RUN;
        String pb = "scope-b-" + RUN;
        String stranger = "scope-c-" + RUN;
        String group = "dw-scope-" + RUN;
        try (KafkaEventStream a = open(""); KafkaEventStream b = open(""); KafkaEventStream c = open("")) {
            c.createProject(stranger);
            c.append(stranger, "ep", List.of("{}".getBytes(StandardCharsets.UTF_8)));
            Owned ownedA = new Owned();
            Owned ownedB = new Owned();
            a.subscribe(group, pa::equals, ownedA);
            b.subscribe(group, pb::equals, ownedB);
            a.createProject(pa);
            b.createProject(pb);
            await().atMost(Duration.ofSeconds(60)).until(() -> ownedA.now.size() == 2 && ownedB.now.size() == 2);
            Thread.sleep(Fetcher.REFRESH_MS + 1000); // one more listing of the broker's topics by each member
            assertThat(ownedA.everTopics).containsExactly(KafkaSettings.topic(pa));
            assertThat(ownedB.everTopics).containsExactly(KafkaSettings.topic(pb));
            assertThat(a.group(group).subscribed()).containsExactly(KafkaSettings.topic(pa));
            assertThat(b.group(group).subscribed()).containsExactly(KafkaSettings.topic(pb));
            a.deleteProject(pa);
            b.deleteProject(pb);
            c.deleteProject(stranger);
        }
    }

    @Test
    void aTopicPrefixNamesTheProjectsTopicAndTheMemberReadsOnlyThatPrefix() throws Exception {
        String prefix = "team_" + RUN + "_";
        String project = "scope-p-" + RUN;
        String group = "dw-scope-prefix-" + RUN;
        try (KafkaEventStream prefixed = open("?topic_prefix=" + prefix); KafkaEventStream plain = open("")) {
            plain.createProject(project); // the same project name under the default prefix: another deployment's
            plain.append(project, "ep", List.of("{\"other\":1}".getBytes(StandardCharsets.UTF_8)));
            prefixed.createProject(project);
            for (int i = 0; i < 300; i += 50) {
                int from = i;
                prefixed.append(project, "ep" + (i / 50) % 4, IntStream.range(from, from + 50)
                        .mapToObj(n -> ("{\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8)).toList());
            }
            Owned owned = new Owned();
            prefixed.subscribe(group, p -> true, owned);
            await().atMost(Duration.ofSeconds(60)).until(() -> owned.now.size() == 2);
            assertThat(prefixed.partitions()).extracting(StreamPartition::stream).containsOnly(prefix + project);
            List<String> read = new ArrayList<>();
            for (StreamPartition p : List.copyOf(owned.now)) {
                EventStream view = prefixed.partition(p);
                for (long next = 0; next < view.endOffset(); ) {
                    List<StreamRecord> batch = view.read(next, 100, Duration.ofSeconds(5));
                    batch.forEach(r -> read.add(new String(r.payload(), StandardCharsets.UTF_8)));
                    next = batch.isEmpty() ? next : batch.getLast().offset() + 1;
                }
            }
            Thread.sleep(Fetcher.REFRESH_MS + 1000);
            assertThat(owned.everTopics).as("no monitoring_stream_* topic of the broker").containsExactly(prefix
                    + project);
            assertThat(read).hasSize(300).doesNotHaveDuplicates().doesNotContain("{\"other\":1}");
            assertThat(plain.partition(new StreamPartition(KafkaSettings.topic(project), 0)).endOffset()
                    + plain.partition(new StreamPartition(KafkaSettings.topic(project), 1)).endOffset())
                    .as("the default-prefix topic holds only the other deployment's event").isEqualTo(1);
            prefixed.deleteProject(project);
            plain.deleteProject(project);
        }
    }
}
