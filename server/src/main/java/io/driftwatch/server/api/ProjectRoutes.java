package io.driftwatch.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.driftwatch.server.ApiServer;
import io.driftwatch.server.auth.AuditRecorder;
import io.driftwatch.server.Backend;
import io.driftwatch.server.auth.AccessGuard;
import io.driftwatch.server.http.ApiException;
import io.driftwatch.server.http.Json;
import io.driftwatch.server.http.Query;
import io.driftwatch.server.http.RequestBodies;
import io.driftwatch.server.http.Responses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code /projects}: create, list, get, delete (with all its data: {@code ?deletion_strategy=cascading} or
 * {@code ?confirm={p}}; without either, or {@code restricted}, only a project without endpoints, models, apps or
 * alerts, else 409 saying what to add). Names follow MLRun: lowercase DNS-1123 labels of at most 63 characters.
 */
public final class ProjectRoutes {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** MLRun's {@code deletion_strategy} that deletes a project with everything in it. */
    public static final String CASCADING = "cascading";
    private final Backend backend;
    private final ProjectDeletion deletion;

    /** Routes over the stores of {@code backend}; deletion waits on the stream's committed offset. */
    public ProjectRoutes(Backend backend) {
        this(backend, new ProjectDeletion(backend, null, ProjectDeletion.Drain.polling(backend.stream())));
    }

    /** Routes over the stores of {@code backend}, deleting projects with {@code deletion}. */
    public ProjectRoutes(Backend backend, ProjectDeletion deletion) {
        this.backend = backend;
        this.deletion = deletion;
    }

    /** Mounts these routes. */
    public void register(RoutesConfig r) {
        r.post(ApiServer.PREFIX + "/projects", this::create);
        r.get(ApiServer.PREFIX + "/projects", this::list);
        r.get(ApiServer.PREFIX + "/projects/{p}", this::get);
        r.delete(ApiServer.PREFIX + "/projects/{p}", this::delete);
    }

    /** @throws ApiException 400 naming the name and the rule it breaks */
    static String validateName(String name) {
        if (name == null || name.isEmpty()) {
            throw ApiException.badRequest("missing field 'name' (string)");
        }
        if (name.length() > 63 || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid project name '" + name + "': use at most 63 lowercase letters, "
                    + "digits and '-', starting and ending with a letter or digit");
        }
        return name;
    }

    private void create(Context ctx) {
        JsonNode body = Json.parseObject(RequestBodies.read(ctx, 1 << 20));
        JsonNode name = body.get("name");
        if (name != null && !name.isTextual()) {
            throw ApiException.badRequest("field 'name' must be a string, got "
                    + name.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        String p = validateName(name == null ? null : name.asText());
        AuditRecorder.project(ctx, p);
        if (!backend.projects().createProject(p)) {
            throw ApiException.conflict("project '" + p + "' already exists");
        }
        Responses.json(ctx, 201, Json.object().put("name", p));
    }

    private void list(Context ctx) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        backend.projects().projects().stream().filter(p -> AccessGuard.canRead(ctx, p))
                .forEach(p -> out.addObject().put("name", p));
        Responses.json(ctx, 200, out);
    }

    private void get(Context ctx) {
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        var body = Json.object().put("name", p);
        backend.projects().monitoringSettings(p).ifPresent(s -> body.putObject("monitoring")
                .put("enabled", s.enabled())
                .put("base_period", s.basePeriod() == null ? null : s.basePeriod().toString()));
        Responses.json(ctx, 200, body);
    }

    private void delete(Context ctx) throws InterruptedException {
        Query.allow(ctx, "deletion_strategy", "confirm");
        String p = ctx.pathParam("p");
        backend.requireProject(p);
        String strategy = ctx.queryParam("deletion_strategy");
        String confirm = ctx.queryParam("confirm");
        if (strategy != null && !strategy.equals(CASCADING) && !strategy.equals("restricted")) {
            throw ApiException.badRequest("query parameter 'deletion_strategy' must be 'cascading' (delete the project "
                    + "with all its data) or 'restricted', got '" + strategy + "'");
        }
        if (confirm != null && !confirm.equals(p)) {
            throw ApiException.badRequest("query parameter 'confirm' must repeat the project name '" + p + "', got '"
                    + confirm + "'");
        }
        if (!CASCADING.equals(strategy) && confirm == null && !deletion.isEmpty(p)) {
            throw ApiException.conflict("deleting project '" + p + "' deletes all its endpoints, models, results, "
                    + "rows, artifacts, alerts and settings; add ?deletion_strategy=cascading (or ?confirm=" + p
                    + ") to confirm");
        }
        Responses.json(ctx, 200, deletion.delete(p));
    }
}
