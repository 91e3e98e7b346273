package io.driftwatch.engine.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting a directory tree: nested folders deepest first, a missing root, and a failure naming what the tree held. */
class FileTreesTest {
    @TempDir
    Path dir;

    /** Three levels of folders with files at each level, an empty folder and a link out of the tree. */
    @Test
    void deletesANestedTreeAndLeavesItsParentAndLinkTargets() throws IOException {
        Path outside = Files.writeString(dir.resolve("outside.txt"), "kept");
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("top.txt"), "1");
        Files.writeString(root.resolve("a/mid.txt"), "2");
        Files.writeString(root.resolve("a/b/c/deep.txt"), "3");
        Files.createSymbolicLink(root.resolve("a/link"), outside);

        FileTrees.delete(root, "the test tree");

        assertThat(root).doesNotExist();
        assertThat(dir).isDirectory();
        assertThat(outside).hasContent("kept");
    }

    @Test
    void aMissingRootIsNothingToDo() {
        Path missing = dir.resolve("never-created");

        FileTrees.delete(missing, "nothing");

        assertThat(missing).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aSingleFileIsDeleted() throws IOException {
        Path file = Files.writeString(dir.resolve("lone.txt"), "x");

        FileTrees.delete(file, "a file");

        assertThat(file).doesNotExist();
    }

    /**
     * A path that cannot be deleted fails with the caller's words and the cause. Linux's {@code /proc} refuses every
     * delete, even root's (the tests run as root in CI, so a read-only folder would not do); nothing is deleted there.
     */
    @Test
    void aPathThatCannotBeDeletedFailsNamingWhatTheTreeHolds() {
        Path undeletable = Path.of("/proc/self/attr");
        assumeTrue(Files.isDirectory(undeletable), "needs Linux /proc");

        assertThatThrownBy(() -> FileTrees.delete(undeletable, "the attributes of this process"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot delete the attributes of this process")
                .hasCauseInstanceOf(IOException.class);
        assertThat(undeletable.resolve("current")).exists();
    }
}
