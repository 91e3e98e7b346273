package io.driftwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwatch serving create|add-model|tracking|deploy|undeploy|list|delete} (MLRun's serving functions). */
@Command(name = "serving", description = "Serving functions: serve logged models over the Open Inference Protocol.",
        mixinStandardHelpOptions = true, subcommands = {ServingCommands.Create.class, ServingCommands.AddModel.class,
        ServingCommands.Tracking.class, ServingCommands.Deploy.class, ServingCommands.Undeploy.class,
        ServingCommands.ListFns.class, ServingCommands.Delete.class})
final class ServingCommands {
    private static final String BASE = "/projects/%s/serving-functions";

    /** Shared options of the subcommands. */
    abstract static class Base implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;

        String path(String suffix) {
            return String.format(BASE, project.project) + suffix;
        }

        void print(JsonNode v) {
            opts.print(v, "name", "function_uri", "deployed", "url",
                    "tracking=/tracking/enabled");
        }
    }

    @Command(name = "create", description = "Create a serving function (tracking on, rate 1).")
    static final class Create extends Base {
        @Parameters(index = "0", description = "function name")
        String name;
        @Option(names = "--tag", description = "function tag")
        String tag;

        @Override
        public void run() {
            print(opts.client().createServingFunction(project.project, name, tag));
        }
    }

    @Command(name = "add-model", description = "Serve a logged model (its .onnx file, or --model-class).")
    static final class AddModel extends Base {
        @Parameters(index = "0", description = "function name")
        String function;
        @Parameters(index = "1", description = "logged model name")
        String model;
        @Option(names = "--version", description = "logged model version (default: latest)")
        String version;
        @Option(names = "--model-class", description = "a ServableModel class name")
        String modelClass;

        @Override
        public void run() {
            print(opts.client().addServingModel(project.project, function, model, version, modelClass));
        }
    }

    @Command(name = "tracking", description = "Turn tracking on or off (MLRun's set_tracking).")
    static final class Tracking extends Base {
        @Parameters(index = "0", description = "function name")
        String function;
        @Option(names = "--off", description = "turn tracking off")
        boolean off;
        @Option(names = "--sample-rate", defaultValue = "1.0", description = "share of requests tracked, (0, 1]")
        double sampleRate;

        @Override
        public void run() {
            print(opts.client().setTracking(project.project, function, !off, sampleRate));
        }
    }

    @Command(name = "deploy", description = "Deploy (or redeploy) a serving function.")
    static final class Deploy extends Base {
        @Parameters(index = "0", description = "function name")
        String function;

        @Override
        public void run() {
            print(opts.client().deployServingFunction(project.project, function));
        }
    }

    @Command(name = "undeploy", description = "Stop serving a function (its spec stays).")
    static final class Undeploy extends Base {
        @Parameters(index = "0", description = "function name")
        String function;

        @Override
        public void run() {
            print(opts.client().post(path("/" + function + "/undeploy"), null));
        }
    }

    @Command(name = "list", description = "List the project's serving functions.")
    static final class ListFns extends Base {
        @Override
        public void run() {
            print(opts.client().servingFunctions(project.project));
        }
    }

    @Command(name = "delete", description = "Undeploy and delete a serving function.")
    static final class Delete extends Base {
        @Parameters(index = "0", description = "function name")
        String function;

        @Override
        public void run() {
            opts.client().delete(path("/" + function));
            opts.say("deleted " + project.project + "/" + function);
        }
    }
}
