package io.driftwatch.store.embedded.log;

import io.driftwatch.engine.port.EventStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Child JVM of {@link CrashRecoveryIT}: appends records from several threads forever and prints
 * {@code ACK <offset> <key> END} for each acknowledged one, until it is killed.
 * Args: directory, round, threads.
 */
public final class CrashChild {

    private CrashChild() {
    }

    static byte[] payload(String key) {
        return ("{\"key\":\"" + key + "\",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String round = args[1];
        int threads = Integer.parseInt(args[2]);
        EventStream stream = EmbeddedEventStream.open(dir,
                EmbeddedEventStream.Options.defaults().withConsumers(Set.of()).withSegmentBytes(64 << 10));
        System.out.println("READY " + stream.endOffset());
        System.out.flush();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = Thread.ofPlatform().start(() -> {
                for (long i = 0; ; i++) {
                    String key = round + "-" + id + "-" + i;
                    long offset = stream.append(List.of(payload(key)));
                    synchronized (System.out) {
                        System.out.println("ACK " + offset + " " + key + " END");
                        System.out.flush();
                    }
                }
            });
        }
        for (Thread w : workers) {
            w.join();
        }
    }
}
