package io.driftwatch.cli;

import picocli.CommandLine.Option;

/** The {@code --project} option of project-scoped commands. */
final class ProjectOption {
    @Option(names = {"-p", "--project"}, required = true, description = "project name")
    String project;
}
