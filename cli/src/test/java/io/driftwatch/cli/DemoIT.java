package io.driftwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code driftwatch demo} in-process on a free port: the drifted first window is detected, the iris window is not,
 * every served request became a prediction, the console alert fired, and it ends within 90 s.
 */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void demoShowsADetectedDriftWindowThenACleanOne() {
        StringWriter out = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        long start = System.nanoTime();
        Path examples = Files.exists(Path.of("examples/iris")) ? Path.of("examples/iris") : Path.of("../examples/iris");
        int code = cl.execute("demo", "--port", "0", "--data-dir", dir.resolve("data").toString(),
                "--examples", examples.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        String text = out.toString();
        assertThat(code).as(text).isZero();
        System.out.printf("demo: %.1f s%n", seconds);
        List<String> windows = text.lines().filter(l -> l.matches("\\s+[12]\\s+\\d{4}-.*")).toList();
        assertThat(windows).as(text).hasSize(2);
        assertThat(windows.get(0)).contains("drifted").contains("(2 detected)");
        assertThat(windows.get(1)).contains("iris").contains("(0 no drift)");
        Matcher g = Pattern.compile("drifted\\s+(\\d+\\.\\d+)").matcher(windows.get(0));
        assertThat(g.find()).isTrue();
        assertThat(Double.parseDouble(g.group(1))).isGreaterThan(0.7);
        assertThat(text).contains("predictions  301 in the last 5 min, error_count 0");
        assertThat(text).containsPattern("Alert drift-to-console: [1-9]\\d* activation");
        assertThat(text).contains("/serving/iris-demo/iris-serving/v2/models/iris/infer");
    }
}
