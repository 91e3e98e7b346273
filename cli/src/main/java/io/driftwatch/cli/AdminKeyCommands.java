package io.driftwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code driftwatch admin-key rotate}: replaces the server's generated admin key (issue 18). */
@Command(name = "admin-key", description = "Manage the server admin key.", mixinStandardHelpOptions = true,
        subcommands = AdminKeyCommands.Rotate.class)
final class AdminKeyCommands {
    @Command(name = "rotate", description = "Replace the server's generated admin key (give the current one with "
            + "--access-key): the new key is printed only this once, the old one stops working at once. A key from "
            + "--admin-key-file or DRIFTWATCH_ADMIN_KEY is replaced there instead (409).")
    static final class Rotate implements Runnable {
        @Mixin
        ClientOptions opts;

        @Override
        public void run() {
            opts.print(opts.client().rotateAdminKey());
        }
    }
}
