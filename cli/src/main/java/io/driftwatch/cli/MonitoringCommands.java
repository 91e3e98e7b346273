package io.driftwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftwatch monitoring enable|disable}. */
@Command(name = "monitoring", description = "Enable or disable model monitoring of a project.",
        mixinStandardHelpOptions = true, subcommands = {MonitoringCommands.Enable.class, MonitoringCommands.Disable.class})
final class MonitoringCommands {
    @Command(name = "enable", description = "Enable monitoring (deploys histogram-data-drift unless --no-default-app).")
    static final class Enable implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Option(names = "--base-period", description = "window length: minutes (10) or a duration (30s, 5m)")
        String basePeriod;
        @Option(names = "--no-default-app", description = "do not deploy histogram-data-drift")
        boolean noDefaultApp;

        @Override
        public void run() {
            opts.print(
                    opts.client().enableMonitoring(project.project, basePeriod, !noDefaultApp));
        }
    }

    @Command(name = "disable", description = "Disable monitoring.")
    static final class Disable implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;

        @Override
        public void run() {
            opts.print(opts.client().disableMonitoring(project.project));
        }
    }
}
