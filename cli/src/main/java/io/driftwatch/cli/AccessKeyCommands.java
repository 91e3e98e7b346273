package io.driftwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code driftwatch access-keys create|list|rotate|revoke}: the per-project API keys (issue 18). */
@Command(name = "access-keys", description = "Create, list, rotate and revoke a project's access keys.",
        mixinStandardHelpOptions = true, subcommands = {AccessKeyCommands.Create.class, AccessKeyCommands.ListKeys.class,
        AccessKeyCommands.Rotate.class, AccessKeyCommands.Revoke.class})
final class AccessKeyCommands {
    @Command(name = "create", description = "Create a key; it is printed only this once.")
    static final class Create implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "role: viewer, ingest, editor or admin")
        String role;

        @Override
        public void run() {
            opts.print(opts.client().createAccessKey(project.project, role));
        }
    }

    @Command(name = "list", description = "List the keys of a project (prefixes, never the keys).")
    static final class ListKeys implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;

        @Override
        public void run() {
            opts.print(opts.client().accessKeys(project.project).path("access_keys"), "id", "prefix", "role",
                    "created");
        }
    }

    @Command(name = "rotate", description = "Replace a key by a new one of the same role (printed only this once); "
            + "the old key stops working at once.")
    static final class Rotate implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "the key's id")
        String id;

        @Override
        public void run() {
            opts.print(opts.client().rotateAccessKey(project.project, id));
        }
    }

    @Command(name = "revoke", description = "Revoke a key: it stops working at once.")
    static final class Revoke implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "the key's id")
        String id;

        @Override
        public void run() {
            opts.client().revokeAccessKey(project.project, id);
            opts.say("revoked " + id);
        }
    }
}
