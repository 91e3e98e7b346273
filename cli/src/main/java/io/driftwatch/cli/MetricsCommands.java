package io.driftwatch.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwatch metrics list|values}: application results and metrics of an endpoint. */
@Command(name = "metrics", description = "Application results and metrics of an endpoint.",
        mixinStandardHelpOptions = true, subcommands = {MetricsCommands.ListMetrics.class, MetricsCommands.Values.class})
final class MetricsCommands {
    @Command(name = "list", description = "The results/metrics an endpoint has, with their full names.")
    static final class ListMetrics implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "endpoint uid")
        String uid;
        @Option(names = "--type", defaultValue = "all", description = "results, metrics or all")
        String type;

        @Override
        public void run() {
            opts.print(opts.client().metrics(project.project, uid, type),
                    "full_name", "type", "app", "name");
        }
    }

    @Command(name = "values", description = "Values per window end of results/metrics by full name.")
    static final class Values implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "endpoint uid")
        String uid;
        @Option(names = "--name", required = true, description = "full name {project}.{app}.result|metric.{name} (repeatable)")
        List<String> names;
        @Option(names = "--start", description = "ISO-8601 or now-24h (default: 24 h before end)")
        String start;
        @Option(names = "--end", description = "ISO-8601 or now (default: now)")
        String end;

        @Override
        public void run() {
            Output.print(opts.out(), Output.Format.json,
                    opts.client().metricsValues(project.project, uid, names, start, end));
        }
    }
}
