package io.driftwatch.engine.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes a directory tree: the data directory's folders (an endpoint's or a project's artifacts and samples, an
 * expired hour partition, a model upload's staging folder, a window's unpublished artifacts) and the temporary data
 * directories of the demo and the benchmarks. One walk, then the paths deepest first (reverse name order puts
 * {@code a/b} before {@code a}), so each directory is empty by the time it is deleted.
 */
public final class FileTrees {
    private FileTrees() {
    }

    /**
     * Deletes {@code root} and everything below it; nothing happens if it does not exist, and a path that disappears
     * meanwhile is skipped. Links are deleted, not followed.
     *
     * @param what what the tree holds, for the message ({@code "the samples of project p"})
     * @throws UncheckedIOException {@code "cannot delete " + what}, with the cause, at the first path that cannot be
     *                              deleted (what was deleted before it stays deleted)
     */
    public static void delete(Path root, String what) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + what, e);
        }
    }
}
