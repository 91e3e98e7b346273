package io.driftwatch.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A child-process entry point for crash tests: {@code ServerMain <data-dir> <port-file>} starts the server on a
 * free port, writes the port to the file (atomically) and runs until killed.
 */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Server server = Server.start(ServerConfig.defaults().withPort(0).withDataDir(Path.of(args[0]))
                .withFlush(500, Duration.ofMillis(200)));
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, Integer.toString(server.port()));
        Files.move(tmp, Path.of(args[1]), StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(Long.MAX_VALUE); // kept: the child serves until the crash test kills it (-9), nothing to wait for
    }
}
