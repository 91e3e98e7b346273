package io.driftwatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwatch apps register|create|list|remove}: the project's monitoring applications. */
@Command(name = "apps", description = "Register, check, list and remove monitoring applications.",
        mixinStandardHelpOptions = true, subcommands = {AppCommands.Register.class, AppCommands.Create.class,
        AppCommands.ListApps.class, AppCommands.Remove.class})
final class AppCommands {
    @Command(name = "register", description = "Register an app by class name (on the classpath or in a jar).")
    static final class Register implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "app name")
        String name;
        @Option(names = "--class", required = true, description = "class implementing io.driftwatch.MonitoringApplication")
        String className;
        @Option(names = "--jar", description = "jar file name in the server's apps folder")
        String jar;
        @Option(names = "--param", description = "key=value passed to the app (repeatable)")
        Map<String, String> params = new LinkedHashMap<>();

        @Override
        public void run() {
            opts.print(
                    opts.client().registerApp(project.project, name, className, jar, params));
        }
    }

    @Command(name = "create", description = "Check an app and print its spec without registering it "
            + "(MLRun's create_model_monitoring_function).")
    static final class Create implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "app name")
        String name;
        @Option(names = "--class", description = "class implementing io.driftwatch.MonitoringApplication "
                + "(not needed for the built-in apps histogram-data-drift and drift-tests)")
        String className;
        @Option(names = "--jar", description = "jar file name in the server's apps folder")
        String jar;
        @Option(names = "--param", description = "key=value passed to the app (repeatable)")
        Map<String, String> params = new LinkedHashMap<>();

        @Override
        public void run() {
            opts.print(opts.client().createApp(project.project, name, className, jar, params));
        }
    }

    @Command(name = "list", description = "List the registered apps.")
    static final class ListApps implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;

        @Override
        public void run() {
            opts.print(opts.client().apps(project.project),
                    "name", "class_name", "jar", "created");
        }
    }

    @Command(name = "remove", description = "Remove an app (its stored results stay).")
    static final class Remove implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "app name")
        String name;

        @Override
        public void run() {
            opts.client().removeApp(project.project, name);
            opts.say("removed " + name);
        }
    }
}
