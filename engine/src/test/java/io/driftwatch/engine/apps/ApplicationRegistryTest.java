package io.driftwatch.engine.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.AppOutput;
import io.driftwatch.MonitoringApplication;
import io.driftwatch.MonitoringContext;
import io.driftwatch.engine.EngineFixtures;
import io.driftwatch.engine.apps.examples.PredictionMeanShiftApp;
import io.driftwatch.engine.port.ProjectRecords.AppRegistration;
import io.driftwatch.engine.port.ProjectStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationRegistryTest {
    @TempDir
    Path appsDir;
    private final ProjectStore projects = EngineFixtures.enabledProject("p", Duration.ofMinutes(10));

    private ApplicationRegistry registry() {
        return ApplicationRegistry.create(projects, Clock.systemUTC(), appsDir);
    }

    /** Not an app. */
    public static final class NotAnApp {
    }

    /** An app without a usable constructor. */
    public static final class NoCtorApp implements MonitoringApplication {
        public NoCtorApp(int x) {
            if (x < 0) {
                throw new IllegalArgumentException();
            }
        }

        @Override
        public AppOutput doTracking(MonitoringContext context) {
            return AppOutput.none();
        }
    }

    @Test
    void registersListsResolvesAndRemovesClasspathApps() {
        ApplicationRegistry r = registry();
        r.deployDefaults("p", true);
        r.register("p", "mean-shift", PredictionMeanShiftApp.class.getName(), null, Map.of("detected_shift", "3"));
        assertThat(r.list("p")).extracting(AppRegistration::name).containsExactly("histogram-data-drift", "mean-shift");
        assertThat(projects.applications("p")).hasSize(2);
        assertThat(r.applicationNames("p")).containsExactly("histogram-data-drift", "mean-shift");
        assertThat(r.resolve("p", "histogram-data-drift")).get().extracting(DeployedApp::app)
                .isInstanceOf(HistogramDataDriftApp.class);
        DeployedApp a = r.resolve("p", "mean-shift").orElseThrow();
        assertThat(r.resolve("p", "mean-shift").orElseThrow().app()).isSameAs(a.app());
        // a second registry over the same store (e.g. after a restart) loads the persisted registrations
        assertThat(registry().resolve("p", "mean-shift")).isPresent();
        assertThat(r.remove("p", "mean-shift")).isTrue();
        assertThat(r.remove("p", "mean-shift")).isFalse();
        assertThat(r.resolve("p", "mean-shift")).isEmpty();
        r.deployDefaults("p", true);
        assertThat(r.list("p")).hasSize(1);
    }

    @Test
    void deployDefaultsFalseRegistersNothing() {
        ApplicationRegistry r = registry();
        r.deployDefaults("p", false);
        assertThat(r.list("p")).isEmpty();
    }

    @Test
    void badRegistrationsFailWithAClearMessageAndAreNotStored() {
        ApplicationRegistry r = registry();
        assertThatThrownBy(() -> r.register("p", "x", "com.example.Missing", null, Map.of()))
                .hasMessageContaining("com.example.Missing").hasMessageContaining("not found");
        assertThatThrownBy(() -> r.register("p", "x", NotAnApp.class.getName(), null, Map.of()))
                .hasMessageContaining("does not implement io.driftwatch.MonitoringApplication");
        assertThatThrownBy(() -> r.register("p", "x", NoCtorApp.class.getName(), null, Map.of()))
                .hasMessageContaining("public no-argument constructor");
        assertThatThrownBy(() -> r.register("p", "x", HistogramDataDriftApp.class.getName(), null,
                Map.of("potential_threshold", "0.9"))).hasMessageContaining("constructor failed");
        assertThatThrownBy(() -> r.register("p", "Bad_Name", PredictionMeanShiftApp.class.getName(), null, Map.of()))
                .hasMessageContaining("invalid application name");
        assertThatThrownBy(() -> r.register("p", "x", "A", "../outside.jar", Map.of()))
                .hasMessageContaining("inside the apps folder");
        assertThatThrownBy(() -> r.register("p", "x", "A", "missing.jar", Map.of())).hasMessageContaining("not found");
        assertThatThrownBy(() -> r.register("nope", "x", "A", null, Map.of())).isInstanceOf(NoSuchElementException.class);
        assertThat(r.list("p")).isEmpty();
    }

    @Test
    void loadsAnAppFromAJarInTheAppsFolder() throws Exception {
        writeJar(appsDir.resolve("user-app.jar"), "com.acme.RowCountApp", """
                package com.acme;
                import io.driftwatch.*;
                import java.util.Map;
                public class RowCountApp implements MonitoringApplication {
                    private final String name;
                    public RowCountApp(Map<String, String> params) { name = params.getOrDefault("metric", "rows"); }
                    public AppOutput doTracking(MonitoringContext c) {
                        return AppOutput.metrics(Map.of(name, c.sampleFrame().rowCount()));
                    }
                }
                """);
        ApplicationRegistry r = registry();
        r.register("p", "row-count", "com.acme.RowCountApp", "user-app.jar", Map.of("metric", "n_rows"));
        DeployedApp app = r.resolve("p", "row-count").orElseThrow();
        assertThat(app.app().getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
        assertThat(app.registration().jar()).isEqualTo("user-app.jar");
        assertThatThrownBy(() -> r.register("p", "other", "com.acme.Nope", "user-app.jar", Map.of()))
                .hasMessageContaining("jar 'user-app.jar'").hasMessageContaining("not found");
    }

    static void writeJar(Path jar, String className, String source) throws IOException {
        Path src = Files.createTempDirectory("appsrc");
        Path file = src.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(file, source);
        Path out = Files.createDirectories(src.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                file.toString());
        assertThat(rc).isZero();
        String entry = className.replace('.', '/') + ".class";
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
            jos.putNextEntry(new JarEntry(entry));
            jos.write(Files.readAllBytes(out.resolve(entry)));
            jos.closeEntry();
        }
        List.of(file).forEach(f -> f.toFile().deleteOnExit());
    }
}
