package io.driftwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code driftwatch projects create|list|delete}. */
@Command(name = "projects", description = "Create, list and delete projects.", mixinStandardHelpOptions = true,
        subcommands = {ProjectCommands.Create.class, ProjectCommands.ListProjects.class, ProjectCommands.Delete.class})
final class ProjectCommands {
    @Command(name = "create", description = "Create a project.")
    static final class Create implements Runnable {
        @Mixin
        ClientOptions opts;
        @Parameters(index = "0", description = "project name (lowercase letters, digits, '-')")
        String name;

        @Override
        public void run() {
            opts.print(opts.client().createProject(name));
        }
    }

    @Command(name = "list", description = "List projects.")
    static final class ListProjects implements Runnable {
        @Mixin
        ClientOptions opts;

        @Override
        public void run() {
            opts.print(opts.client().projects(), "name");
        }
    }

    @Command(name = "delete", description = "Delete a project with all its data (endpoints, models, results, rows, "
            + "artifacts, alerts, settings). Needs --yes.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ClientOptions opts;
        @Parameters(index = "0", description = "project name")
        String name;
        @Option(names = "--yes", description = "confirm the deletion of the project and all its data")
        boolean yes;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!yes) {
                spec.commandLine().getErr().println("deleting project '" + name + "' deletes all its data; "
                        + "add --yes to confirm");
                return 2;
            }
            opts.print(opts.client().deleteProject(name));
            return 0;
        }
    }
}
