package io.driftwatch.server;

import io.driftwatch.server.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shipped Grafana dashboards ({@code dashboards/grafana/*.json}) as the dashboard tests read them. */
final class GrafanaDashboardFiles {
    static final List<String> NAMES = List.of("overview", "details", "performance", "applications");

    private GrafanaDashboardFiles() {
    }

    static Path dir() {
        Path p = Path.of("dashboards/grafana");
        return Files.isDirectory(p) ? p : Path.of("../dashboards/grafana");
    }

    static JsonNode load(String name) {
        try {
            return Json.MAPPER.readTree(dir().resolve(name + ".json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every dashboard by its uid. */
    static Map<String, JsonNode> byUid() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String n : NAMES) {
            JsonNode d = load(n);
            out.put(d.path("uid").asText(), d);
        }
        return out;
    }

    /** The panels, those inside rows included. */
    static List<JsonNode> panels(JsonNode d) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : d.path("panels")) {
            if (p.path("type").asText().equals("row")) {
                p.path("panels").forEach(out::add);
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The panel with this title (fails when there is none). */
    static JsonNode panel(String dashboard, String title) {
        return panels(load(dashboard)).stream().filter(p -> p.path("title").asText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError(dashboard + " has no panel '" + title + "'"));
    }

    /** The template variables: name → includeAll. */
    static Map<String, Boolean> variables(JsonNode d) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (JsonNode v : d.path("templating").path("list")) {
            out.put(v.path("name").asText(), v.path("includeAll").asBoolean(false));
        }
        return out;
    }

    /** {@code $NAME} and {@code ${NAME}} replaced by the values, longest names first. */
    static String interpolate(String text, Map<String, String> vars) {
        String out = text;
        List<String> names = new ArrayList<>(vars.keySet());
        names.sort((a, b) -> b.length() - a.length());
        for (String n : names) {
            out = out.replace("${" + n + "}", vars.get(n)).replace("$" + n, vars.get(n));
        }
        return out;
    }
}
