package io.driftwatch.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.server.http.Json;
import org.junit.jupiter.api.Test;

class ReportHtmlTest {
    private static final String EVIL = "<img src=x onerror=alert(1)>\"'&";

    @Test
    void everyTextIsEscapedAndNothingLoadsFromOutside() {
        ObjectNode r = Json.object().put("project", "p").put("start", "2026-01-01T00:00:00Z")
                .put("end", "2026-01-02T00:00:00Z").put("generated_at", "2026-01-02T00:00:00Z");
        r.putObject("endpoint").put("uid", "u1").put("model", EVIL).put("has_reference", true);
        ObjectNode w = r.putObject("windows");
        w.putArray("features").add(EVIL);
        ObjectNode win = w.putArray("windows").addObject().put("window_start", "2026-01-01T00:00:00Z")
                .put("window_end", "2026-01-01T00:10:00Z").put("rows", 150).put("status", 2);
        win.putArray("results").addObject().put("application", "histogram-data-drift").put("name", "general_drift")
                .put("value", 0.8).put("status", 2).put("reason", EVIL);
        w.putObject("feature_drift").putArray(EVIL).add(0.7);
        r.putArray("drifted_windows").add("2026-01-01T00:10:00Z");
        ObjectNode worst = r.putObject("worst_window").put("window_end", "2026-01-01T00:10:00Z").put("status", 2);
        ObjectNode f = worst.putArray("features").addObject().put("name", EVIL).put("tvd", 0.5);
        f.putObject("expected").putObject("histogram").putArray("counts").add(1).add(3);
        f.putObject("actual").putObject("histogram").putArray("counts").add(4).add(0);
        ObjectNode ops = r.putObject("operations");
        ops.putObject("totals").put("predictions", 150).put("errors", 1).put("latency_p99", 2500.0);
        ops.putArray("times").add("2026-01-01T00:00:00Z");
        ops.putArray("latency_p50").add(1200.0);
        ObjectNode alerts = r.putObject("alerts").put("available", true);
        alerts.putArray("activations").addObject().put("id", "a1").put("alert", "drift").put("summary", EVIL)
                .putArray("notifications").addObject().put("kind", "webhook").put("status", "sent");

        String html = ReportHtml.render(r);
        assertThat(html).doesNotContain("<img").doesNotContain("http")
                .doesNotContainIgnoringCase("<script").contains("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;");
        assertThat(html).contains("drift detected").contains("2.50 ms").contains("data-chart=\"histogram\"")
                .contains("data-chart=\"feature-drift\"").contains("webhook: sent");
        assertThat(ReportHtml.CSP).startsWith("default-src 'none'");
    }
}
