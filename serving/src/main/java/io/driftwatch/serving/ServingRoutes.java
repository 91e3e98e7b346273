package io.driftwatch.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.serving.model.InferRequest;
import io.driftwatch.serving.model.TensorSpec;
import io.driftwatch.serving.oip.OipCodec;
import io.driftwatch.serving.oip.RowsCodec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open Inference Protocol v2 REST under each deployed function's base URL
 * {@code {basePath}/{project}/{function}/v2}:
 * <pre>
 * GET  …/v2/health/live | …/v2/health/ready      {"live": true} | {"ready": true}
 * GET  …/v2                                      server metadata {name, version, extensions}
 * GET  …/v2/models/{m}[/versions/{v}]            model metadata {name, versions, platform, inputs, outputs}
 * GET  …/v2/models/{m}[/versions/{v}]/ready      {"name", "ready": true}
 * POST …/v2/models/{m}[/versions/{v}]/infer      inference: the OIP tensor body, or MLRun's v2 list of rows
 *                                                {"id"?, "inputs": [[…], …]} answered {"id", "model_name",
 *                                                "outputs", "timestamp", "model_version"?} ({@link RowsCodec})
 * </pre>
 * Errors are {@code {"error": "..."}}: 400 bad body/shape/datatype, 404 function not deployed or unknown
 * model/version, 500 model failure; inference errors are tracked as error events. Routes are registered once;
 * deploying or undeploying a function needs no re-registration. Each handler answers its own errors, so the host
 * server's exception handlers are not involved.
 */
public final class ServingRoutes {
    /** The server name in server metadata. */
    public static final String SERVER_NAME = "driftwatch";
    /** The server version in server metadata. */
    public static final String SERVER_VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(ServingRoutes.class);

    private final ServingFunctions functions;

    private ServingRoutes(ServingFunctions functions) {
        this.functions = functions;
    }

    /**
     * Registers the routes.
     *
     * @param basePath e.g. {@code /serving} (no trailing slash)
     */
    public static void register(RoutesConfig routes, String basePath, ServingFunctions functions) {
        ServingRoutes r = new ServingRoutes(functions);
        String v2 = basePath + "/{project}/{function}/v2";
        routes.get(v2 + "/health/live", r.guard(ctx -> ok(ctx, Map.of("live", true))));
        routes.get(v2 + "/health/ready", r.guard(ctx -> ok(ctx, Map.of("ready", true))));
        routes.get(v2, r.guard(ctx -> ok(ctx, Map.of("name", SERVER_NAME, "version", SERVER_VERSION,
                "extensions", List.of()))));
        for (String model : List.of(v2 + "/models/{model}", v2 + "/models/{model}/versions/{version}")) {
            routes.get(model, r.guard(r::metadata));
            routes.get(model + "/ready", r.guard(r::ready));
            routes.post(model + "/infer", r.guard(r::infer));
        }
    }

    /** The base URL of a function: {@code {basePath}/{project}/{function}}. */
    public static String baseUrl(String basePath, String project, String function) {
        return basePath + "/" + project + "/" + function;
    }

    private interface FnHandler {
        void handle(Context ctx, ServingFunction fn) throws Exception;
    }

    private Handler guard(FnHandler h) {
        return ctx -> {
            try {
                h.handle(ctx, fn(ctx));
            } catch (ServingException e) {
                respond(ctx, e.status(), OipCodec.error(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                respond(ctx, 500, OipCodec.error(e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        };
    }

    private interface Simple {
        void handle(Context ctx) throws Exception;
    }

    private Handler guard(Simple h) {
        return guard((ctx, fn) -> h.handle(ctx));
    }

    private ServingFunction fn(Context ctx) {
        String project = ctx.pathParam("project");
        String name = ctx.pathParam("function");
        return functions.deployed(project, name).orElseThrow(() -> new ServingException(404,
                "serving function " + project + "/" + name + " is not deployed"));
    }

    private static String version(Context ctx) {
        return ctx.pathParamMap().get("version");
    }

    private void metadata(Context ctx, ServingFunction fn) {
        ServingFunction.ServedModel m = fn.model(ctx.pathParam("model"), version(ctx));
        respond(ctx, 200, OipCodec.modelMetadata(m.spec().name(), m.spec().version(), m.model().metadata()));
    }

    private void ready(Context ctx, ServingFunction fn) {
        ServingFunction.ServedModel m = fn.model(ctx.pathParam("model"), version(ctx));
        ok(ctx, Map.of("name", m.spec().name(), "ready", true));
    }

    private void infer(Context ctx, ServingFunction fn) {
        long start = System.nanoTime();
        Instant when = fn.now();
        String model = ctx.pathParam("model");
        String version = version(ctx);
        byte[] body = ctx.bodyAsBytes();
        JsonNode tree = RowsCodec.tree(body);
        boolean rows = RowsCodec.isRows(tree);
        InferRequest request;
        try {
            request = rows ? RowsCodec.parse(tree, inputSpecs(fn, model, version, when, tree))
                    : tree != null ? OipCodec.parseRequest(tree) : OipCodec.parseRequest(body);
        } catch (IllegalArgumentException e) {
            String id = OipCodec.textId(tree);
            fn.trackError(model, version, id == null ? UUID.randomUUID().toString() : id, null, when,
                    e.getMessage());
            throw new ServingException(400, e.getMessage(), e);
        }
        ServingFunction.InferResult result = fn.infer(model, version, request, when, start);
        ServingFunction.ServedModel served = result.model();
        respond(ctx, 200, rows
                ? RowsCodec.response(model, served.spec().version(), result.id(),
                        served.model().trackedOutputs(request, result.response()), when)
                : OipCodec.inferResponse(model, served.spec().version(), result.id(), result.response()));
    }

    /** The model's inputs for the list-of-rows form; an unknown model or version is a tracked 404. */
    private static List<TensorSpec> inputSpecs(ServingFunction fn, String model, String version, Instant when,
                                               JsonNode tree) {
        try {
            return fn.model(model, version).model().metadata().inputs();
        } catch (ServingException e) {
            JsonNode id = tree.get("id");
            fn.trackError(model, version, id != null && id.isValueNode() ? id.asText() : UUID.randomUUID().toString(),
                    null, when, e.getMessage());
            throw e;
        }
    }

    private static void ok(Context ctx, Map<String, ?> body) {
        respond(ctx, 200, OipCodec.object(body));
    }

    private static void respond(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType("application/json").result(body);
    }
}
