package io.driftwatch.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftwatch endpoints list|get|performance|drift|delete}. */
@Command(name = "endpoints", description = "List, show and delete model endpoints.", mixinStandardHelpOptions = true,
        subcommands = {EndpointCommands.ListEndpoints.class, EndpointCommands.Get.class, EndpointPerformance.class,
            EndpointDrift.class, EndpointCommands.Delete.class})
final class EndpointCommands {
    @Command(name = "list", description = "List the endpoints of a project.")
    static final class ListEndpoints implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Option(names = "--model", description = "only endpoints of this model")
        String model;
        @Option(names = "--function", description = "only endpoints of this serving function")
        String function;
        @Option(names = "--label", description = "key=value (repeatable)")
        List<String> labels = List.of();

        @Override
        public void run() {
            StringBuilder q = new StringBuilder();
            Map<String, String> f = new LinkedHashMap<>();
            if (model != null) {
                f.put("model", model);
            }
            if (function != null) {
                f.put("function", function);
            }
            labels.forEach(l -> q.append(q.isEmpty() ? "?" : "&").append("label=")
                    .append(URLEncoder.encode(l, StandardCharsets.UTF_8)));
            f.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            opts.print(
                    opts.client().get("/projects/" + project.project + "/model-endpoints" + q),
                    "uid=/metadata/uid", "function=/spec/function_uri", "model=/spec/model",
                    "drift=/status/drift_status", "errors=/status/error_count", "last_request=/status/last_request");
        }
    }

    @Command(name = "get", description = "Show one endpoint.")
    static final class Get implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "endpoint uid")
        String uid;
        @Option(names = "--feature-analysis", description = "add per-feature expected/actual statistics and drift")
        boolean featureAnalysis;

        @Override
        public void run() {
            var ep = opts.client().endpoint(project.project, uid, featureAnalysis);
            if (opts.output == Output.Format.table && featureAnalysis) {
                opts.print(ep.path("features"), "name",
                        "expected_mean=/expected/mean", "actual_mean=/actual/mean", "tvd", "hellinger", "kld");
            } else {
                Output.print(opts.out(), Output.Format.json, ep);
            }
        }
    }

    @Command(name = "delete", description = "Delete an endpoint with its time series and Parquet files.")
    static final class Delete implements Runnable {
        @Mixin
        ClientOptions opts;
        @Mixin
        ProjectOption project;
        @Parameters(index = "0", description = "endpoint uid")
        String uid;

        @Override
        public void run() {
            opts.client().deleteEndpoint(project.project, uid);
            opts.say("deleted " + uid);
        }
    }
}
