package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.engine.apps.ApplicationRegistry;
import io.driftwatch.engine.port.ProjectRecords;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.Backend;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Durations;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.SafeNames;
import io.driftwatch.server.http.Responses;
import io.driftwatch.server.pyapps.PythonApp;
import io.driftwatch.server.pyapps.PythonApps;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /projects/{p}/model-monitoring/…}: enable/disable monitoring, the controller's base period and a manual
 * run, the monitoring functions (apps) and the credentials (DESIGN.md §10, MLRun's project SDK calls).
 */
public final class MonitoringRoutes {
    private static final String BASE = ApiServer.PREFIX + "/projects/{p}/model-monitoring";
    private static final String DEFAULT_APP = ApplicationRegistry.HISTOGRAM_DATA_DRIFT;
    private static final String MIN_ROWS = ProjectRecords.MonitoringSettings.MIN_ROWS;
    private final Backend backend;
    private final Duration defaultBasePeriod;

    /** Routes over the stores of {@code backend}. */
    public MonitoringRoutes(Backend backend, Duration defaultBasePeriod) {
        this.backend = backend;
        this.defaultBasePeriod = defaultBasePeriod;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.post(BASE + "/enable-model-monitoring", this::enable);
        r.delete(BASE + "/disable-model-monitoring", this::disable);
        r.patch(BASE + "/model-monitoring-controller", this::updateController);
        r.post(BASE + "/controller/run", this::run);
        r.get(BASE + "/functions", this::listFunctions);
        r.post(BASE + "/functions", this::registerFunction);
        r.delete(BASE + "/functions/{name}", ctx -> deleteFunction(ctx, ctx.pathParam("name")));
        r.delete(BASE + "/functions", ctx -> deleteFunction(ctx, ctx.queryParam("function")));
        r.post(BASE + "/set-model-monitoring-credentials", this::credentials);
        r.get(BASE + "/settings", ctx -> Responses.json(ctx, 200, settingsJson(settings(project(ctx)))));
    }

    private String project(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        return p;
    }

    private ProjectRecords.MonitoringSettings settings(String p) {
        return backend.projects().monitoringSettings(p)
                .orElse(new ProjectRecords.MonitoringSettings(p, false, defaultBasePeriod, Map.of()));
    }

    private static Duration basePeriod(Context ctx, Duration dflt) {
        String v = ctx.queryParam("base_period");
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("query parameter 'base_period': " + e.getMessage());
        }
    }

    private void enable(Context ctx) {
        Query.allow(ctx, "base_period", "deploy_histogram_data_drift_app", "image", "wait_for_deployment",
                "rebuild_images", "fetch_credentials_from_sys_config", MIN_ROWS, "reanalyze_late");
        String p = project(ctx);
        boolean deployApp = Query.bool(ctx, "deploy_histogram_data_drift_app", true);
        var old = settings(p);
        var s = new ProjectRecords.MonitoringSettings(p, true, basePeriod(ctx, old.basePeriod()),
                withMinRows(ctx, old.credentials()), Query.bool(ctx, "reanalyze_late", old.reanalyzeLate()));
        if (backend.stream() != null) {
            backend.stream().createProject(p); // Kafka: topic monitoring_stream_{p}; idempotent
        }
        backend.projects().putMonitoringSettings(s);
        backend.apps().deployDefaults(p, deployApp);
        Responses.json(ctx, 200, settingsJson(s));
    }

    private void disable(Context ctx) {
        Query.allow(ctx, "delete_resources", "delete_stream_function", "delete_histogram_data_drift_app",
                "delete_user_applications", "user_application_list");
        String p = project(ctx);
        var old = settings(p);
        var s = new ProjectRecords.MonitoringSettings(p, false, old.basePeriod(), old.credentials(),
                old.reanalyzeLate());
        backend.projects().putMonitoringSettings(s);
        if (Query.bool(ctx, "delete_histogram_data_drift_app", true)) {
            backend.apps().remove(p, DEFAULT_APP);
        }
        if (Query.bool(ctx, "delete_user_applications", false)) {
            List<String> only = ctx.queryParams("user_application_list");
            for (var a : backend.apps().list(p)) {
                if (only.isEmpty() || only.contains(a.name())) {
                    backend.apps().remove(p, a.name());
                }
            }
        }
        Responses.json(ctx, 200, settingsJson(s));
    }

    private void updateController(Context ctx) {
        Query.allow(ctx, "base_period", "image", "wait_for_deployment", MIN_ROWS, "reanalyze_late");
        String p = project(ctx);
        if (ctx.queryParam("base_period") == null && ctx.queryParam(MIN_ROWS) == null
                && ctx.queryParam("reanalyze_late") == null) {
            throw ApiException.badRequest("missing query parameter 'base_period' (minutes, or a duration such as 30s), "
                    + "'min_rows' or 'reanalyze_late' (true/false)");
        }
        var old = settings(p);
        var s = new ProjectRecords.MonitoringSettings(p, old.enabled(), basePeriod(ctx, old.basePeriod()),
                withMinRows(ctx, old.credentials()), Query.bool(ctx, "reanalyze_late", old.reanalyzeLate()));
        backend.projects().putMonitoringSettings(s);
        Responses.json(ctx, 200, settingsJson(s));
    }

    private void run(Context ctx) {
        String p = project(ctx);
        int windows = backend.controller().runOnce(p);
        Responses.json(ctx, 200, Json.object().put("windows", windows));
    }

    /** The settings answer: credentials masked ({@code user:***@host}), the project's min_rows when set. */
    private static ObjectNode settingsJson(ProjectRecords.MonitoringSettings s) {
        ObjectNode o = Json.object().put("project", s.project()).put("enabled", s.enabled())
                .put("base_period", s.basePeriod().toString())
                .put("base_period_minutes", s.basePeriod().toMillis() / 60_000.0)
                .put("reanalyze_late", s.reanalyzeLate());
        s.minRows().ifPresent(n -> o.put(MIN_ROWS, n));
        ObjectNode c = o.putObject("credentials");
        Credentials.masked(s.credentials()).forEach(c::put);
        return o;
    }

    /** The settings map with the {@code min_rows} query parameter applied (a positive integer), if given. */
    private static Map<String, String> withMinRows(Context ctx, Map<String, String> settings) {
        String v = ctx.queryParam(MIN_ROWS);
        if (v == null) {
            return settings;
        }
        int n;
        try {
            n = Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1) {
            throw ApiException.badRequest("query parameter 'min_rows' must be a positive integer (rows a window needs "
                    + "before the built-in apps give a verdict), got '" + v + "'");
        }
        Map<String, String> out = new LinkedHashMap<>(settings);
        out.put(MIN_ROWS, Integer.toString(n));
        return out;
    }

    private void listFunctions(Context ctx) {
        String p = project(ctx);
        ArrayNode out = Json.MAPPER.createArrayNode();
        backend.apps().list(p).forEach(a -> out.add(appJson(a)));
        Responses.json(ctx, 200, out);
    }

    private static ObjectNode appJson(ProjectRecords.AppRegistration a) {
        ObjectNode o = Json.object().put("name", a.name()).put("class_name", a.className()).put("jar", a.jar())
                .put("runtime", PythonApps.runtime(a.className())).put("created", Json.time(a.created()));
        ObjectNode params = o.putObject("params");
        a.params().forEach(params::put);
        return o;
    }

    /** The fields of a function body, resolved: built-in names give their class, Python apps the bridge class. */
    private record FunctionSpec(String name, String className, String jar, Map<String, String> params) {
    }

    private static FunctionSpec functionSpec(ObjectNode body) {
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("name", "class_name", "application_class", "jar", "params", "runtime").contains(f)) {
                throw ApiException.badRequest("unknown field '" + f + "': expected name, class_name, jar, params, runtime");
            }
        }
        String name = SafeNames.require("application name", text(body, "name", true));
        boolean python = PythonApps.isPython(text(body, "runtime", false));
        String cls = python ? PythonApp.class.getName()
                : body.hasNonNull("application_class") ? text(body, "application_class", true)
                : body.hasNonNull("class_name") || ApplicationRegistry.builtInClass(name).isEmpty()
                ? text(body, "class_name", true) : ApplicationRegistry.builtInClass(name).orElseThrow();
        String jar = python ? null : text(body, "jar", false);
        if (jar != null) {
            SafeNames.require("jar", jar);
        }
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode pn = body.path("params");
        if (!pn.isMissingNode() && !pn.isNull()) {
            if (!pn.isObject()) {
                throw ApiException.badRequest("field 'params' must be an object of strings");
            }
            pn.properties().forEach(e -> params.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                    : e.getValue().toString()));
        }
        return new FunctionSpec(name, cls, jar, params);
    }

    /**
     * {@code POST …/functions}: MLRun's {@code set_model_monitoring_function} (201 new, 200 replaced); with
     * {@code ?dry_run=true} MLRun's {@code create_model_monitoring_function}: the same checks, 200 with the spec
     * and {@code "registered": false}, nothing stored.
     */
    private void registerFunction(Context ctx) {
        boolean dryRun = Query.bool(ctx, "dry_run", false);
        String p = project(ctx);
        FunctionSpec f = functionSpec(Json.parseObject(RequestBodies.read(ctx, 1 << 20)));
        boolean existed = backend.apps().list(p).stream().anyMatch(a -> a.name().equals(f.name()));
        ProjectRecords.AppRegistration app;
        try {
            app = dryRun ? backend.apps().validate(p, f.name(), f.className(), f.jar(), f.params())
                    : backend.apps().register(p, f.name(), f.className(), f.jar(), f.params());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest((dryRun ? "invalid" : "cannot register") + " monitoring function '"
                    + f.name() + "': " + e.getMessage());
        }
        ObjectNode out = appJson(app);
        if (dryRun) {
            out.put("registered", false).put("exists", existed);
        }
        Responses.json(ctx, dryRun || existed ? 200 : 201, out);
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.badRequest("missing field '" + field + "' (string)" + (field.equals("class_name")
                        ? "; only the built-in apps " + ApplicationRegistry.BUILT_IN.keySet().stream().sorted().toList()
                        + " register by name alone" : ""));
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw ApiException.badRequest("field '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private void deleteFunction(Context ctx, String name) {
        String p = project(ctx);
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("missing function name");
        }
        if (!backend.apps().remove(p, name)) {
            throw ApiException.notFound("monitoring function '" + name + "' not found in project '" + p + "'");
        }
        ctx.status(204);
    }

    private void credentials(Context ctx) {
        String p = project(ctx);
        Map<String, String> given = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> given.put(k, v.getFirst()));
        byte[] raw = RequestBodies.read(ctx, 1 << 20);
        if (raw.length > 0) {
            Json.parseObject(raw).properties().forEach(e -> given.put(e.getKey(), e.getValue().asText()));
        }
        boolean replace = Boolean.parseBoolean(given.getOrDefault("replace_creds", "false"));
        given.remove("replace_creds");
        given.remove("access_key");
        for (String k : given.keySet()) {
            if (!Credentials.FIELDS.contains(k)) {
                throw ApiException.badRequest("unknown field '" + k + "': expected stream_path, tsdb_connection, "
                        + "endpoint_store_connection, replace_creds");
            }
        }
        var old = settings(p);
        Map<String, String> creds = new LinkedHashMap<>(old.credentials());
        for (var e : given.entrySet()) {
            String v = Credentials.validate(e.getKey(), e.getValue());
            if (!replace) {
                refuseChange(p, old.enabled(), e.getKey(), creds.get(e.getKey()), v);
            }
            creds.put(e.getKey(), v);
        }
        var s = new ProjectRecords.MonitoringSettings(p, old.enabled(), old.basePeriod(), creds, old.reanalyzeLate());
        backend.projects().putMonitoringSettings(s);
        Responses.json(ctx, 200, settingsJson(s));
    }

    /**
     * MLRun's rule: a credential already set to another value, or any credential that changes (an unset one counts
     * as {@code embedded}) once monitoring is enabled, is a 409 unless {@code replace_creds}: the project's data
     * would be split between the old and the new backends.
     */
    private static void refuseChange(String project, boolean enabled, String field, String prev, String v) {
        String effective = prev == null ? "embedded" : prev;
        if (effective.equals(v)) {
            return;
        }
        if (prev != null) {
            throw ApiException.conflict(field + " is already set to '" + Credentials.mask(prev)
                    + "'; pass replace_creds=true to replace it with '" + Credentials.mask(v) + "'");
        }
        if (enabled) {
            throw ApiException.conflict("model monitoring is already enabled for project '" + project + "': set "
                    + field + " before enable-model-monitoring, or pass replace_creds=true to set it to '"
                    + Credentials.mask(v) + "' (the data already stored stays in the embedded store)");
        }
    }
}
