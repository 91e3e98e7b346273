package io.driftwatch.server.ui;

import io.driftwatch.server.http.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web UI's static files: {@code GET /} answers {@code ui/index.html} from the classpath and {@code GET /ui/*}
 * the other files under {@code ui/} (HTML, CSS, ES modules, SVG, PNG). Plain files with no build step and no
 * run-time downloads, so the UI works offline. Paths with {@code ..}, backslashes or unknown extensions are 404.
 */
final class UiAssets {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "ico", "image/x-icon");

    private UiAssets() {
    }

    static void register(RoutesConfig r) {
        r.get("/", ctx -> serve(ctx, "index.html"));
        r.get("/ui/<path>", ctx -> serve(ctx, ctx.pathParam("path")));
    }

    private static void serve(Context ctx, String path) throws IOException {
        String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(ext);
        if (!SAFE.matcher(path).matches() || type == null) {
            throw ApiException.notFound("no UI file '" + path + "'");
        }
        try (InputStream in = UiAssets.class.getClassLoader().getResourceAsStream("ui/" + path)) {
            if (in == null) {
                throw ApiException.notFound("no UI file '" + path + "'");
            }
            ctx.status(200).contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
        }
    }
}
