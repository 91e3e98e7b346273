package io.driftwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.client.DriftwatchClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftwatch alerts put|get|list|delete|reset|enable|disable|activations|templates}: alert configs and their
 * activations
 * ({@code /projects/{p}/alerts}, {@code /projects/{p}/alert-activations}, {@code /alert-templates}).
 */
@Command(name = "alerts", description = "Create, list, reset and delete alerts; list activations and templates.",
        mixinStandardHelpOptions = true, subcommands = {AlertCommands.Put.class, AlertCommands.Get.class,
        AlertCommands.ListAlerts.class, AlertCommands.Delete.class, AlertCommands.Reset.class,
        AlertCommands.Enable.class, AlertCommands.Disable.class, AlertCommands.Activations.class, AlertCommands.Templates.class})
final class AlertCommands {
    private AlertCommands() {
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Options and output shared by the subcommands. */
    abstract static class Base implements Runnable {
        @Mixin
        ClientOptions opts;
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return opts.out();
        }

        DriftwatchClient client() {
            return opts.client();
        }
    }

    @Command(name = "put", description = "Create or replace an alert from a JSON file or a template.")
    static final class Put extends Base {
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "alert name ([a-zA-Z0-9-]+)")
        String name;
        @Option(names = {"-f", "--file"}, description = "alert config JSON file")
        Path file;
        @Option(names = {"-t", "--template"}, description = "a template name (see 'alerts templates')")
        String template;

        @Override
        public void run() {
            if ((file == null) == (template == null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give exactly one of --file or --template");
            }
            JsonNode body;
            try {
                body = file != null ? Output.MAPPER.readTree(file.toFile())
                        : client().get("/alert-templates/" + enc(template));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            Output.print(out(), opts.output, client().put(path(project.project, name), body));
        }
    }

    static String path(String project, String name) {
        return "/projects/" + enc(project) + "/alerts/" + enc(name);
    }

    @Command(name = "get", description = "Show an alert (secrets masked) and its state.")
    static final class Get extends Base {
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "alert name")
        String name;

        @Override
        public void run() {
            Output.print(out(), opts.output, client().get(path(project.project, name)));
        }
    }

    @Command(name = "list", description = "List the project's alerts.")
    static final class ListAlerts extends Base {
        @Mixin
        ProjectOption project;

        @Override
        public void run() {
            Output.print(out(), opts.output, client().get("/projects/" + enc(project.project) + "/alerts"),
                    "name", "severity", "enabled", "state", "reset_policy", "events=/trigger/events", "summary");
        }
    }

    @Command(name = "delete", description = "Delete an alert (its activations stay as history).")
    static final class Delete extends Base {
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "alert name")
        String name;

        @Override
        public void run() {
            client().delete(path(project.project, name));
            out().println("deleted " + name);
            out().flush();
        }
    }

    /** A POST of {@code …/alerts/{name}/{action}} that prints the answer (reset, enable, disable). */
    abstract static class Action extends Base {
        private final String action;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "alert name")
        String name;

        Action(String action) {
            this.action = action;
        }

        @Override
        public void run() {
            Output.print(out(), opts.output, client().post(path(project.project, name) + "/" + action, null));
        }
    }

    @Command(name = "reset", description = "Reset an active alert (manual reset policy).")
    static final class Reset extends Action {
        Reset() {
            super("reset");
        }
    }

    @Command(name = "enable", description = "Enable an alert: its events count and it fires again.")
    static final class Enable extends Action {
        Enable() {
            super("enable");
        }
    }

    @Command(name = "disable", description = "Disable an alert: kept, but it neither fires nor notifies.")
    static final class Disable extends Action {
        Disable() {
            super("disable");
        }
    }

    @Command(name = "activations", description = "List activations, newest first (of one alert, or of the project).")
    static final class Activations extends Base {
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", arity = "0..1", description = "alert name (default: every alert)")
        String name;
        @Option(names = "--endpoint", description = "only activations naming this endpoint uid")
        String endpoint;
        @Option(names = "--state", description = "active or resolved")
        String state;
        @Option(names = "--since", description = "ISO-8601 time, epoch ms or now-1h")
        String since;
        @Option(names = "--limit", description = "at most this many")
        Integer limit;

        @Override
        public void run() {
            String base = name == null ? "/projects/" + enc(project.project) + "/alert-activations"
                    : path(project.project, name) + "/activations";
            List<String> q = new ArrayList<>();
            add(q, "endpoint", endpoint);
            add(q, "state", state);
            add(q, "since", since);
            add(q, "limit", limit == null ? null : limit.toString());
            Output.print(out(), opts.output, client().get(base + (q.isEmpty() ? "" : "?" + String.join("&", q))),
                    "id", "time", "alert", "severity", "state", "entity_id", "summary");
        }

        private static void add(List<String> q, String key, String value) {
            if (value != null) {
                q.add(key + "=" + enc(value));
            }
        }
    }

    @Command(name = "templates", description = "List the alert templates, or print one (usable with 'alerts put -f').")
    static final class Templates extends Base {
        @Parameters(index = "0", arity = "0..1", description = "template name")
        String name;

        @Override
        public void run() {
            if (name == null) {
                Output.print(out(), opts.output, client().get("/alert-templates"), "name", "description");
            } else {
                Output.print(out(), opts.output, client().get("/alert-templates/" + enc(name)));
            }
        }
    }
}
