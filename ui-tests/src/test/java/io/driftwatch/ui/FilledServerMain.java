package io.driftwatch.ui;

import java.nio.file.Files;

/**
 * Starts a {@link UiFixture} server and keeps it running, for looking at the UI by hand:
 * {@code java -cp … io.driftwatch.ui.FilledServerMain} prints the URL.
 */
public final class FilledServerMain {
    private FilledServerMain() {
    }

    public static void main(String[] args) throws Exception {
        UiFixture f = UiFixture.start(Files.createTempDirectory("driftwatch-ui"));
        System.out.println("UI at " + f.url() + "/");
        Thread.sleep(Long.MAX_VALUE); // kept: serves until stopped by hand (a manual tool, not a test)
    }
}
