package io.driftwatch.benchmarks.scaleout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of processes and of this JVM's OS threads, from {@code /proc} (Linux; user + system, one clock tick =
 * 10 ms resolution, so meaningful over runs of seconds). This JVM's threads are grouped by their OS name
 * ({@code /proc/self/task/<tid>/comm}, which the JVM sets to the Java thread name cut to 15 characters; native
 * threads that no JVM created, e.g. DuckDB's worker pool, keep the launcher's name {@code java}).
 */
final class ThreadCpu {
    private static final double TICKS_PER_SECOND = 100.0;

    private ThreadCpu() {
    }

    /** CPU seconds of every OS thread of this JVM, keyed by {@code group/tid} (see {@link #group}). */
    static Map<String, Double> selfByThread() {
        return byThread("self");
    }

    /** CPU seconds of every OS thread of process {@code pid} ({@code self} = this JVM), keyed by {@code group/tid}. */
    static Map<String, Double> byThread(String pid) {
        Map<String, Double> out = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", pid, "task"))) {
            tasks.forEach(t -> {
                try {
                    String comm = Files.readString(t.resolve("comm")).strip();
                    out.put(group(comm) + "/" + t.getFileName(), seconds(Files.readString(t.resolve("stat"))));
                } catch (IOException gone) {
                    // the thread ended between the listing and the read: its time is lost for this snapshot
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * The group of an OS thread name: {@code gc} (G1/Serial/ZGC workers), {@code jit} (compiler threads), {@code jfr} (the profiler's),
     * {@code carrier} (virtual-thread carriers: the partitioned processor's workers), {@code kafka-producer},
     * {@code kafka-fetch}, {@code ingest} (the benchmark's appending threads), {@code stream-processor} and
     * {@code sample-writer} (the embedded single-partition processor), {@code native} (threads no JVM named:
     * DuckDB's pool, and the launcher's main thread), else {@code other}.
     */
    static String group(String comm) {
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("VM Thread")) {
            return "gc+vm";
        }
        if (comm.startsWith("JFR ")) {
            return "jfr"; // the profiler's own threads (StackProfile): measurement overhead, not counted
        }
        if (comm.contains("CompilerThre")) {
            return "jit";
        }
        if (comm.startsWith("ForkJoinPool-")) {
            return "carrier";
        }
        if (comm.startsWith("kafka-producer")) {
            return "kafka-producer";
        }
        if (comm.startsWith("kafka-fetch")) {
            return "kafka-fetch";
        }
        for (String g : new String[] {"ingest", "stream-processo", "sample-writer"}) {
            if (comm.startsWith(g)) {
                return g;
            }
        }
        return comm.equals("java") ? "native" : "other";
    }

    /** User + system CPU seconds of a process (all its threads). */
    static double process(long pid) {
        try {
            return seconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return 0; // a database backend that exited: its time is not counted
        }
    }

    private static double seconds(String stat) {
        // The name (field 2) is in parentheses and may contain spaces: split after its closing one; field n = f[n-3].
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /**
     * {@code after - before} per group, over the threads alive at {@code after} (a thread new since {@code before}
     * counts from 0; a thread that ended in between is not counted, so short-lived threads' time is missed).
     */
    static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> d = new TreeMap<>();
        after.forEach((k, v) -> d.merge(k.substring(0, k.lastIndexOf('/')), v - before.getOrDefault(k, 0.0),
                Double::sum));
        return d;
    }
}
