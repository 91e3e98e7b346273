package io.driftwatch.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundThreadsTest {
    @AfterEach
    void reset() {
        BackgroundThreads.setNice(0);
    }

    /** The calling thread's nice value, from /proc (field 19 of stat(5)). */
    static int ownNice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int niceOf(Function<Runnable, Thread> starter) throws Exception {
        CompletableFuture<Integer> seen = new CompletableFuture<>();
        starter.apply(() -> seen.complete(ownNice()));
        return seen.get(10, TimeUnit.SECONDS);
    }

    @Test
    void backgroundThreadsRunAtTheConfiguredNiceAndOthersDoNot() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        int base = ownNice();
        assertThat(niceOf(r -> BackgroundThreads.start("bg-default", r))).isEqualTo(base);
        BackgroundThreads.setNice(10);
        assertThat(niceOf(r -> BackgroundThreads.start("bg", r))).isEqualTo(Math.max(base, 10));
        assertThat(niceOf(r -> {
            Thread t = BackgroundThreads.factory("bg-factory").newThread(r);
            t.start();
            return t;
        })).isEqualTo(Math.max(base, 10));
        assertThat(niceOf(r -> Thread.ofPlatform().start(r))).as("other threads keep theirs").isEqualTo(base);
        assertThat(ownNice()).isEqualTo(base);
    }

    @Test
    void niceValuesOutsideZeroTo19AreRejected() {
        assertThatThrownBy(() -> BackgroundThreads.setNice(20)).hasMessageContaining("between 0 and 19, got 20");
        assertThatThrownBy(() -> BackgroundThreads.setNice(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
