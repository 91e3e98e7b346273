package io.driftwatch.benchmarks.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads another process's CPU time (user + system, {@code /proc/<pid>/stat} fields 14 and 15) and the machine's
 * load average ({@code /proc/loadavg}). Linux only. Resolution: one clock tick ({@code CLK_TCK}, 10 ms here), so
 * CPU figures are meaningful over runs of seconds, not single requests.
 */
public final class ProcessProbe {
    /** {@code getconf CLK_TCK}; 100 on every mainstream Linux build (x86-64 and arm64). */
    private static final double TICKS_PER_SECOND = 100.0;
    private final long pid;

    private ProcessProbe(long pid) {
        this.pid = pid;
    }

    /** A probe of the process {@code pid}; fails at once if it does not exist. */
    public static ProcessProbe of(long pid) {
        ProcessProbe p = new ProcessProbe(pid);
        p.cpuSeconds();
        return p;
    }

    /** User + system CPU seconds the process has used so far (all its threads). */
    public double cpuSeconds() {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/stat (is the server still running?)", e);
        }
        // The command name (field 2) is in parentheses and may contain spaces: split after its closing one.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** The 1-minute load average. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/loadavg", e);
        }
    }
}
