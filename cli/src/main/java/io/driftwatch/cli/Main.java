package io.driftwatch.cli;

import io.driftwatch.client.DriftwatchException;
import io.driftwatch.engine.backend.BackendUri;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code driftwatch} command: {@code serve} and the REST client commands. */
@Command(name = "driftwatch", mixinStandardHelpOptions = true, version = "driftwatch 0.1.0-SNAPSHOT",
        description = "Model monitoring: tracking events in, drift and operational statistics out.",
        subcommands = {CommandLine.HelpCommand.class, AlertCommands.class, ServeCommand.class, ProjectCommands.class, ModelCommands.class,
                EndpointCommands.class, MonitoringCommands.class, ControllerCommands.class, AppCommands.class,
                IngestCommand.class, LabelCommands.class, MetricsCommands.class, ServingCommands.class, InvokeCommand.class,
                DemoCommand.class, AccessKeyCommands.class, AdminKeyCommands.class, AuditCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command tree; tests execute it in-process. API errors print one line to stderr and exit 1; any other
     * failure prints its stack trace and exits 1; passwords in URIs are masked in both ({@code user:***@host}).
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof DriftwatchException || e instanceof UncheckedIOException
                    || e instanceof IllegalArgumentException) {
                line.getErr().println("error: " + BackendUri.mask(e.getMessage()));
                line.getErr().flush();
                return 1;
            }
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            line.getErr().print(BackendUri.mask(trace.toString()));
            line.getErr().flush();
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
