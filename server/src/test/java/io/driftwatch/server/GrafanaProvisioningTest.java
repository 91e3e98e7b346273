package io.driftwatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The provisioning files of the dashboards on maintained datasources: {@code provisioning/datasources/modern-<name>.yaml}
 * provisions exactly the datasource (uid and plugin type) that every panel and variable of {@code modern/<name>.json}
 * names, and {@code provisioning/dashboards/modern.yaml} is a file provider at the folder the docs tell to copy to.
 */
class GrafanaProvisioningTest {
    private static final Pattern UID = Pattern.compile("(?m)^\\s+uid:\\s*([\\w-]+)");
    private static final Pattern TYPE = Pattern.compile("(?m)^\\s+type:\\s*([\\w-]+)");

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void eachModernDashboardsDatasourceIsTheOneItsProvisioningFileDeclares() throws IOException {
        for (String name : List.of("prometheus", "postgres", "mysql", "infinity")) {
            String yaml = Files.readString(GrafanaDashboardFiles.dir().resolve("provisioning/datasources/modern-" + name + ".yaml"));
            assertThat(yaml).as(name).startsWith("#").contains("apiVersion: 1", "datasources:");
            assertThat(all(UID, yaml)).as(name + " uid").containsExactly("driftwatch-" + name);
            String type = all(TYPE, yaml).getFirst();
            JsonNode d = GrafanaDashboardFiles.load("modern/" + name);
            List<JsonNode> refs = new ArrayList<>();
            GrafanaDashboardFiles.panels(d).forEach(p -> refs.add(p.path("datasource")));
            d.path("templating").path("list").forEach(v -> refs.add(v.path("datasource")));
            assertThat(refs).as(name).isNotEmpty().allSatisfy(r -> {
                assertThat(r.path("uid").asText()).isEqualTo("driftwatch-" + name);
                assertThat(r.path("type").asText()).isEqualTo(type);
            });
        }
    }

    @Test
    void theDashboardProviderReadsTheFolderTheDocsName() throws IOException {
        Path dir = GrafanaDashboardFiles.dir();
        String yaml = Files.readString(dir.resolve("provisioning/dashboards/modern.yaml"));
        assertThat(yaml).contains("type: file", "path: /var/lib/grafana/dashboards/driftwatch-modern");
        String docs = Files.readString(dir.resolve("../../docs/observability.md"));
        assertThat(docs).contains("/var/lib/grafana/dashboards/driftwatch-modern/", "provisioning/dashboards/modern.yaml");
        String infinity = Files.readString(dir.resolve("provisioning/datasources/modern-infinity.yaml"));
        Matcher url = Pattern.compile("(?m)^\\s+url:\\s*(\\S+)").matcher(infinity);
        assertThat(url.find()).isTrue();
        assertThat(infinity).as("Infinity only calls allowed hosts").contains("allowedHosts: [\"" + url.group(1) + "\"]");
    }
}
