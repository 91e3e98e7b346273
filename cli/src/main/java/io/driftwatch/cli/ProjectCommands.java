package io.driftwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code driftwatch projects create|list}. */
@Command(name = "projects", description = "Create and list projects.", mixinStandardHelpOptions = true,
        subcommands = {ProjectCommands.Create.class, ProjectCommands.ListProjects.class})
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
}
