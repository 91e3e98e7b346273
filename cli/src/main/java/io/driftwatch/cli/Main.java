package io.driftwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code driftwatch} command. */
@Command(name = "driftwatch", mixinStandardHelpOptions = true, version = "driftwatch 0.1.0-SNAPSHOT",
        description = "Model monitoring: tracking events in, drift and operational statistics out.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree; tests execute it in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
