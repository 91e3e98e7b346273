package io.driftwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code driftwatch controller run}: analyse every due window now. */
@Command(name = "controller", description = "Run the monitoring controller.", mixinStandardHelpOptions = true,
        subcommands = ControllerCommands.Run.class)
final class ControllerCommands {
    @Command(name = "run", description = "Analyse every closed window of the project now; prints the window count.")
    static final class Run implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;

        @Override
        public void run() {
            int n = opts.client().runController(project.project);
            opts.print(Output.MAPPER.createObjectNode().put("windows", n));
        }
    }
}
