package io.driftwatch.store.embedded.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.engine.port.StreamRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a child JVM that appends (SIGKILL) and checks every acknowledged record survived, once. */
class CrashRecoveryIT {

    private static final Pattern ACK = Pattern.compile("ACK (\\d+) (\\S+) END");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRecordSurvivesKillMinus9ExactlyOnce() throws Exception {
        Map<Long, String> acknowledged = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            acknowledged.putAll(runAndKill("r" + round, 500 + round * 700));
            verify(acknowledged);
        }
        assertThat(acknowledged).hasSizeGreaterThan(1500);
    }

    private Map<Long, String> runAndKill(String round, int killAfterAcks) throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString(), round, "4")
                .redirectError(dir.resolveSibling(dir.getFileName() + "-" + round + ".err").toFile())
                .start();
        Map<Long, String> acks = new HashMap<>();
        AtomicInteger duplicateOffsets = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = ACK.matcher(line);
                    if (m.matches()) {
                        synchronized (acks) {
                            if (acks.put(Long.parseLong(m.group(1)), m.group(2)) != null) {
                                duplicateOffsets.incrementAndGet();
                            }
                            if (acks.size() >= killAfterAcks) {
                                enough.countDown();
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean reached = enough.await(60, TimeUnit.SECONDS);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        assertThat(reached).as("child acknowledged %d appends", killAfterAcks).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        assertThat(duplicateOffsets).as("offsets acknowledged twice").hasValue(0);
        synchronized (acks) {
            return new HashMap<>(acks);
        }
    }

    private void verify(Map<Long, String> acknowledged) throws Exception {
        try (SegmentedEventStream s = EmbeddedEventStreamTest.open(dir,
                EmbeddedEventStream.Options.defaults().withConsumers(Set.of()).withSegmentBytes(64 << 10))) {
            List<StreamRecord> all = new ArrayList<>();
            for (List<StreamRecord> b; !(b = s.read(all.size(), 5000, Duration.ZERO)).isEmpty(); ) {
                all.addAll(b);
            }
            assertThat(all).hasSize((int) s.endOffset());
            Map<String, Long> keyToOffset = new HashMap<>();
            for (StreamRecord r : all) {
                String json = new String(r.payload(), StandardCharsets.UTF_8);
                String key = json.substring(8, json.indexOf('"', 8));
                assertThat(r.payload()).isEqualTo(CrashChild.payload(key));
                assertThat(keyToOffset.put(key, r.offset())).as("key %s appears once", key).isNull();
            }
            acknowledged.forEach((offset, key) -> assertThat(keyToOffset.get(key)).as("acknowledged %s", key).isEqualTo(offset));
        }
    }
}
