package io.driftwatch.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** What the tests read from the external parts and the REST API directly. */
final class External {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private External() {
    }

    static Admin admin(Parts parts) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, parts.kafka.bootstrap());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return Admin.create(p);
    }

    /** Records in the topic: the sum over its partitions of end offset − start offset (no transactions here). */
    static long topicRecords(Parts parts, String topic) throws ExecutionException, InterruptedException {
        try (Admin a = admin(parts)) {
            int n = a.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (int i = 0; i < n; i++) {
                latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, i), OffsetSpec.earliest());
            }
            long end = a.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
            long start = a.listOffsets(earliest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
            return end - start;
        }
    }

    /** Deletes the topic if it exists (a rerun of the demo's fixed project on the shared broker). */
    static void deleteTopic(Parts parts, String topic) throws ExecutionException, InterruptedException {
        try (Admin a = admin(parts)) {
            Set<String> names = a.listTopics().names().get();
            if (names.contains(topic)) {
                a.deleteTopics(List.of(topic)).all().get();
                while (a.listTopics().names().get().contains(topic)) {
                    Parts.sleep(100);
                }
            }
        }
    }

    /** GET {@code url}: status and body ("" on a connection error, status -1). */
    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Request id → rows of the endpoint's Parquet samples, through the data route (empty map when not 200). */
    static Map<String, Integer> dataRows(String server, String project, String uid) {
        try {
            HttpResponse<String> r = get(server + "/api/v1/projects/" + project + "/model-endpoints/" + uid
                    + "/data?format=csv");
            if (r.statusCode() != 200 || r.body().isBlank()) {
                return Map.of();
            }
            List<String> lines = r.body().lines().toList();
            int col = List.of(lines.getFirst().split(",")).indexOf("request_id");
            Map<String, Integer> counts = new HashMap<>();
            for (String l : lines.subList(1, lines.size())) {
                counts.merge(l.split(",")[col].replace("\"", ""), 1, Integer::sum);
            }
            return counts;
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** The files under the data directory (relative paths), to show what stayed local. */
    static Set<String> localFiles(Path dataDir) throws IOException {
        if (!Files.exists(dataDir)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.walk(dataDir)) {
            return s.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString())
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }
    }
}
