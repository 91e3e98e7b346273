package io.driftwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftwatch audit}: the audit log, newest first, by project, actor and time range (issue 18 pt 9). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Show the audit log (state-changing calls), "
        + "newest first: a project's (its admin key) or, without --project, every entry (the server admin key).")
final class AuditCommand implements Runnable {
    @Mixin
    ClientOptions opts;
    @Option(names = {"-p", "--project"}, description = "only this project's entries")
    String project;
    @Option(names = "--actor", description = "only this actor's entries: a key prefix dw_<id>, admin, anonymous or "
            + "unauthenticated")
    String actor;
    @Option(names = "--since", description = "from this time on (inclusive): ISO-8601, epoch ms, now-1d")
    String since;
    @Option(names = "--until", description = "before this time (exclusive)")
    String until;
    @Option(names = "--limit", description = "at most this many entries (1..10000, default 100)")
    Integer limit;

    @Override
    public void run() {
        opts.print(opts.client().audit(project, since, until, actor, limit).path("entries"), "time", "actor", "role",
                "method", "route", "project", "status", "remote");
    }
}
