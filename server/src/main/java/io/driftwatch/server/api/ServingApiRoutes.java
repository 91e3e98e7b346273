package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import io.driftwatch.serving.FunctionSpec;
import io.driftwatch.serving.ModelSpec;
import io.driftwatch.serving.ServingException;
import io.driftwatch.serving.ServingFunction;
import io.driftwatch.serving.ServingFunctions;
import io.driftwatch.serving.ServingRoutes;
import io.driftwatch.serving.TrackingSpec;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Serving functions over REST (MLRun's {@code new_function(kind="serving")}, {@code add_model}, {@code set_tracking},
 * {@code deploy}) under {@code /api/v1/projects/{p}/serving-functions}:
 * <pre>
 * POST   …/serving-functions                {"name", "tag"?}                          201 the function
 * GET    …/serving-functions[/{fn}]                                                   list / one
 * POST   …/serving-functions/{fn}/models    {"model", "version"?, "model_class"?, "labels"?}  add a logged model
 * PUT    …/serving-functions/{fn}/tracking  {"enabled", "sample_rate"?}               set_tracking
 * POST   …/serving-functions/{fn}/deploy | /undeploy
 * DELETE …/serving-functions/{fn}                                                     204
 * GET    /api/v1/serving/tracker           the tracker's counters (accepted, dropped, delivered, failed, queued)
 * </pre>
 * A served model is a logged model of the project, served under the logged model's name and version so that the
 * endpoints its tracking events create get the model's {@code feature_stats}. Its class follows from the logged
 * {@code model_path} ({@code .onnx} → ONNX) unless {@code model_class} names a
 * {@link io.driftwatch.serving.model.ServableModel} class. Deployed functions answer the Open Inference Protocol at
 * {@code /serving/{p}/{fn}/v2/…} ({@link ServingRoutes}).
 */
public final class ServingApiRoutes {
    /** Where the OIP routes of deployed functions are mounted. */
    static final String SERVING_PATH = "/serving";
    private static final int MAX_BODY = 1 << 20;
    private final Backend backend;
    private final ServingFunctions functions;

    /** Routes over the stores of {@code backend}. */
    public ServingApiRoutes(Backend backend, ServingFunctions functions) {
        this.backend = backend;
        this.functions = functions;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        String base = ApiServer.PREFIX + "/projects/{p}/serving-functions";
        r.post(base, guard(this::create));
        r.get(base, guard(this::list));
        r.get(base + "/{fn}", guard(ctx -> Responses.json(ctx, 200, json(require(ctx)))));
        r.post(base + "/{fn}/models", guard(this::addModel));
        r.put(base + "/{fn}/tracking", guard(this::tracking));
        r.post(base + "/{fn}/deploy", guard(ctx -> {
            ServingFunction fn = functions.deploy(project(ctx), ctx.pathParam("fn"));
            ServedEndpoints.register(backend, fn);
            Responses.json(ctx, 200, json(fn.spec()));
        }));
        r.post(base + "/{fn}/undeploy", guard(ctx -> {
            functions.undeploy(project(ctx), ctx.pathParam("fn"));
            Responses.json(ctx, 200, json(require(ctx)));
        }));
        r.delete(base + "/{fn}", guard(ctx -> {
            functions.delete(project(ctx), ctx.pathParam("fn"));
            ctx.status(204);
        }));
        r.get(ApiServer.PREFIX + "/serving/tracker", ctx -> {
            var st = functions.tracker().stats();
            Responses.json(ctx, 200, Json.object().put("accepted", st.accepted()).put("dropped", st.dropped())
                    .put("delivered", st.delivered()).put("failed", st.failed()).put("queued", st.queued()));
        });
        ServingRoutes.register(r, SERVING_PATH, functions);
    }

    /** Maps the serving layer's exceptions to API errors. */
    private static Handler guard(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (ServingException e) {
                String code = switch (e.status()) {
                    case 404 -> "not_found";
                    case 409 -> "conflict";
                    case 400 -> "bad_request";
                    default -> "serving_error";
                };
                throw new ApiException(e.status(), code, e.getMessage());
            }
        };
    }

    private String project(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        return p;
    }

    private FunctionSpec require(Context ctx) {
        String p = project(ctx);
        String fn = ctx.pathParam("fn");
        return functions.get(p, fn).orElseThrow(() -> ApiException.notFound("serving function '" + fn
                + "' not found in project '" + p + "'"));
    }

    private void create(Context ctx) {
        String p = project(ctx);
        ObjectNode body = Json.parseObject(RequestBodies.read(ctx, MAX_BODY));
        String name = text(body, "name", true);
        Responses.json(ctx, 201, json(functions.create(p, name, text(body, "tag", false))));
    }

    private void list(Context ctx) {
        var out = Json.MAPPER.createArrayNode();
        functions.list(project(ctx)).forEach(f -> out.add(json(f)));
        Responses.json(ctx, 200, out);
    }

    private void addModel(Context ctx) {
        FunctionSpec fn = require(ctx);
        ObjectNode body = Json.parseObject(RequestBodies.read(ctx, MAX_BODY));
        String model = body.hasNonNull("model") ? text(body, "model", true) : text(body, "name", true);
        String version = text(body, "version", false);
        ProjectRecords.ModelRecord logged = backend.projects().model(fn.project(), model, version)
                .orElseThrow(() -> ApiException.notFound("model '" + model + "'" + (version == null ? ""
                        : " version '" + version + "'") + " is not logged in project '" + fn.project()
                        + "' (log it first: POST /projects/" + fn.project() + "/models)"));
        String modelClass = text(body, "model_class", false);
        String path = logged.modelPath();
        if (modelClass == null && (path == null || !path.toLowerCase(Locale.ROOT).endsWith(".onnx"))) {
            throw ApiException.badRequest("model '" + model + "' has " + (path == null ? "no model file"
                    : "model file " + path + " (not .onnx)") + " and the framework '" + logged.framework()
                    + "' has no built-in server: give 'model_class' (a ServableModel class)");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = body.path("labels");
        if (!l.isMissingNode() && !l.isNull() && !l.isObject()) {
            throw ApiException.badRequest("field 'labels' must be an object of strings");
        }
        l.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        ModelSpec spec = new ModelSpec(logged.name(), logged.version(), modelClass, path, labels);
        Responses.json(ctx, 201, json(functions.addModel(fn.project(), fn.name(), spec)));
    }

    private void tracking(Context ctx) {
        FunctionSpec fn = require(ctx);
        ObjectNode body = Json.parseObject(RequestBodies.read(ctx, MAX_BODY));
        JsonNode enabled = body.get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw ApiException.badRequest("field 'enabled' (boolean) is required");
        }
        JsonNode rate = body.path("sample_rate");
        if (!rate.isMissingNode() && !rate.isNull() && !rate.isNumber()) {
            throw ApiException.badRequest("field 'sample_rate' must be a number in (0, 1]");
        }
        double r = rate.isNumber() ? rate.asDouble() : 1.0;
        FunctionSpec spec = functions.setTracking(fn.project(), fn.name(), new TrackingSpec(enabled.asBoolean(), r));
        functions.deployed(fn.project(), fn.name()).ifPresent(f -> ServedEndpoints.register(backend, f));
        Responses.json(ctx, 200, json(spec));
    }

    private static String text(ObjectNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw ApiException.badRequest("missing field '" + field + "' (string)");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' must be a string");
        }
        return v.asText().trim();
    }

    /** The function's JSON: name, project, tag, function_uri, url, models, tracking, deployed. */
    static ObjectNode json(FunctionSpec f) {
        ObjectNode o = Json.object().put("name", f.name()).put("project", f.project()).put("tag", f.tag())
                .put("function_uri", f.functionUri())
                .put("url", ServingRoutes.baseUrl(SERVING_PATH, f.project(), f.name()))
                .put("deployed", f.deployed());
        var models = o.putArray("models");
        for (ModelSpec m : f.models().values()) {
            ObjectNode mo = models.addObject().put("name", m.name()).put("version", m.version())
                    .put("model_class", m.modelClass()).put("model_file", m.modelFile());
            m.labels().forEach(mo.putObject("labels")::put);
        }
        o.putObject("tracking").put("enabled", f.tracking().enabled()).put("sample_rate", f.tracking().sampleRate());
        return o;
    }
}
