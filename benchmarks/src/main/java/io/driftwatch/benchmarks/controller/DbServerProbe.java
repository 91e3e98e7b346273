package io.driftwatch.benchmarks.controller;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system, {@code /proc/<pid>/stat} fields 14-17) of the database server processes on this
 * machine, so a benchmark can report the server's share of a cycle next to its own. PostgreSQL: the processes whose
 * title names the benchmark's database (its connections, autovacuum workers on it) plus the WAL writer (shared by
 * every database on the server); the checkpointer and background writer are left out (they flush every database's
 * pages, on their own schedule), so the figure is a lower bound of the cycle's cost; exited children count through
 * the postmaster's cutime/cstime. MariaDB: the one {@code mariadbd}/{@code mysqld} process (all its databases: other
 * users' work on the same server is included). Linux only, 10 ms resolution: meaningful over a cycle of seconds; NaN
 * when nothing is readable.
 */
final class DbServerProbe {
    private static final double TICKS_PER_SECOND = 100.0;

    private DbServerProbe() {
    }

    static double cpuSeconds(String backend, String database) {
        if (database == null) {
            return Double.NaN;
        }
        long ticks = 0;
        boolean any = false;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long t = ticks(p, backend, database);
                if (t >= 0) {
                    ticks += t;
                    any = true;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return any ? ticks / TICKS_PER_SECOND : Double.NaN;
    }

    /** The process's ticks when it belongs to the server's share, else -1. */
    private static long ticks(Path proc, String backend, String database) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (backend.equals("mariadb")) {
                return comm.equals("mariadbd") || comm.equals("mysqld") ? own : -1;
            }
            if (!comm.equals("postgres")) {
                return -1;
            }
            String title = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
            if (title.contains("/bin/postgres")) {
                return Long.parseLong(f[13]) + Long.parseLong(f[14]); // exited children (this cycle's closed backends)
            }
            return title.contains(" " + database) || title.contains("walwriter") ? own : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // gone meanwhile, or not ours to read
        }
    }
}
