package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.driftwatch.server.http.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every panel of every shipped dashboard (the SimpleJson set and {@code modern/}) against its panel plugin's schema:
 * {@code options} and {@code fieldConfig.defaults.custom} validate against the JSON Schemas generated from the
 * plugin's panelcfg types of {@code @grafana/schema} ({@code dashboards/grafana/schema/panels.schema.json}, made by
 * {@code generate.sh}; without "required", as Grafana fills missing options from the plugin's defaults). The
 * dashboard schema itself ({@code dashboard.schema.json}) leaves both free-form, so a misspelt option or a value
 * outside the plugin's enum would otherwise pass. A panel type without a plugin schema fails.
 */
class GrafanaPanelSchemaTest {
    private static final List<String> MODERN = List.of("modern/prometheus", "modern/postgres", "modern/mysql", "modern/infinity");
    private static final String CUSTOM = "fieldConfig.defaults.custom";

    private static JsonNode plugins() throws IOException {
        return Json.MAPPER.readTree(GrafanaDashboardFiles.dir().resolve("schema/panels.schema.json").toFile());
    }

    private static Set<ValidationMessage> check(JsonNode plugins, JsonNode panel, String part) {
        JsonNode schema = plugins.path(panel.path("type").asText()).path(part);
        JsonNode value = part.equals(CUSTOM) ? panel.path("fieldConfig").path("defaults").path("custom") : panel.path("options");
        if (schema.isMissingNode() || value.isMissingNode()) {
            return Set.of();
        }
        JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        return s.validate(value);
    }

    @Test
    void everyPanelsOptionsAndFieldConfigMatchItsPluginsSchema() throws IOException {
        JsonNode plugins = plugins();
        List<String> names = new ArrayList<>(GrafanaDashboardFiles.NAMES);
        names.addAll(MODERN);
        int checked = 0;
        for (String name : names) {
            for (JsonNode p : GrafanaDashboardFiles.panels(GrafanaDashboardFiles.load(name))) {
                String where = name + "/" + p.path("title").asText() + " (" + p.path("type").asText() + ")";
                assertThat(plugins.has(p.path("type").asText())).as(where + " has a plugin schema").isTrue();
                assertThat(check(plugins, p, "options")).as(where + " options").isEmpty();
                assertThat(check(plugins, p, CUSTOM)).as(where + " " + CUSTOM).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(plugins.fieldNames()).toIterable().containsExactlyInAnyOrder("stat", "table", "timeseries", "heatmap",
                "gauge", "state-timeline", "piechart");
    }

    @Test
    void aMisspeltOptionOrAValueOutsideThePluginsEnumFails() throws IOException {
        JsonNode plugins = plugins();
        JsonNode stat = GrafanaDashboardFiles.panels(GrafanaDashboardFiles.load("modern/prometheus")).stream()
                .filter(p -> p.path("type").asText().equals("stat")).findFirst().orElseThrow();
        ObjectNode bad = stat.deepCopy();
        ((ObjectNode) bad.path("options")).put("colorMode", "green");
        assertThat(check(plugins, bad, "options")).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("colorMode"));
        JsonNode series = GrafanaDashboardFiles.panels(GrafanaDashboardFiles.load("modern/prometheus")).stream()
                .filter(p -> p.path("type").asText().equals("timeseries")).findFirst().orElseThrow();
        ObjectNode typo = series.deepCopy();
        ((ObjectNode) typo.path("fieldConfig").path("defaults")).putObject("custom").put("lineWidht", 2);
        assertThat(check(plugins, typo, CUSTOM)).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("lineWidht"));
        ObjectNode legend = series.deepCopy();
        ((ObjectNode) legend.path("options")).putObject("legend").put("displayMode", "tabel");
        assertThat(check(plugins, legend, "options")).isNotEmpty();
    }
}
