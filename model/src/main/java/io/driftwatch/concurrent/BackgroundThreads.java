package io.driftwatch.concurrent;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Platform threads for pipeline work that should not delay request handling on the same cores (stream processing,
 * sample writes, controller runs; not the serving tracker, whose few µs per event put the event in the durable log,
 * so that under overload events wait in the log rather than being dropped from the tracker's queue). When a {@linkplain #setNice(int) nice value} above 0 is set
 * (as {@code driftwatch serve} does, default 10), each such thread lowers its own Linux scheduling priority to it when
 * it starts: {@code setpriority(PRIO_PROCESS, gettid(), nice)} through the FFM API (on Linux the nice value is per
 * thread; lowering it needs no privilege). Under CFS a nice-10 thread competing with nice-0 request threads gets
 * about a tenth of their CPU share (weights 110 vs 1024), so a burst of pipeline work no longer queues requests
 * behind it; when requests leave CPU free, it gets all of it, so its throughput on an otherwise idle core is unchanged.
 * Where the calls are unavailable (not Linux, native access denied) threads keep the normal priority; this is
 * logged once. The default is 0 (normal priority), so embedding code and tests see no change unless they ask.
 */
public final class BackgroundThreads {
    private static final Logger LOG = Logger.getLogger(BackgroundThreads.class.getName());
    private static final int PRIO_PROCESS = 0;
    private static volatile int nice;
    private static volatile Native natives;

    private BackgroundThreads() {
    }

    /** The nice value background threads started from now on take (0 = normal priority, at most 19). */
    public static void setNice(int value) {
        if (value < 0 || value > 19) {
            throw new IllegalArgumentException("background nice must be between 0 and 19, got " + value);
        }
        nice = value;
    }

    /** The nice value set with {@link #setNice(int)}. */
    public static int nice() {
        return nice;
    }

    /** A factory of daemon platform threads named {@code name} (plus {@code -n} after the first) that run lowered. */
    public static ThreadFactory factory(String name) {
        return r -> Thread.ofPlatform().daemon().name(name).unstarted(lowered(r));
    }

    /** Starts a daemon platform thread named {@code name} that runs {@code task} lowered. */
    public static Thread start(String name, Runnable task) {
        return Thread.ofPlatform().daemon().name(name).start(lowered(task));
    }

    /** {@code task} preceded by lowering the running thread's priority. */
    public static Runnable lowered(Runnable task) {
        return () -> {
            lowerCurrentThread();
            task.run();
        };
    }

    /** Lowers the calling thread to the configured nice value; false when nothing was changed. */
    public static boolean lowerCurrentThread() {
        int n = nice;
        if (n == 0) {
            return false;
        }
        Native c = natives();
        if (c == null) {
            return false;
        }
        try {
            int tid = (int) c.gettid.invokeExact();
            return (int) c.setpriority.invokeExact(PRIO_PROCESS, tid, n) == 0;
        } catch (Throwable e) {
            LOG.log(Level.FINE, "setpriority failed", e);
            return false;
        }
    }

    private record Native(MethodHandle gettid, MethodHandle setpriority) {
    }

    private static Native natives() {
        Native c = natives;
        if (c == null) {
            synchronized (BackgroundThreads.class) {
                if (natives == null) {
                    natives = link();
                }
                c = natives;
            }
        }
        return c.gettid == null ? null : c;
    }

    @SuppressWarnings("restricted") // the launcher and the tests run with --enable-native-access=ALL-UNNAMED
    private static Native link() {
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            MethodHandle gettid = linker.downcallHandle(libc.find("gettid").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT));
            MethodHandle setpriority = linker.downcallHandle(libc.find("setpriority").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT));
            return new Native(gettid, setpriority);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.INFO, "background threads keep the normal priority: setpriority is unavailable ({0})",
                    e.toString());
            return new Native(null, null);
        }
    }
}
