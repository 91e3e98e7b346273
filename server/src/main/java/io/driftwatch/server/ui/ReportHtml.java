package io.driftwatch.server.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the {@link EndpointReport} document as one self-contained HTML page: inline CSS, inline SVG charts (no
 * {@code xmlns} either), no script, no link or URL to anything outside the page, every text HTML-escaped. Sections:
 * summary figures, drift per window, the feature × window drift heat map, the histograms of the worst window,
 * operations over time and the alert activations. Latencies are shown in ms (the JSON keeps µs).
 */
final class ReportHtml {
    /** The page's own Content-Security-Policy: nothing loads, only its inline style applies. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";
    static final Map<Integer, String> STATUS = Map.of(-1, "irrelevant", 0, "no drift", 1, "possible drift",
            2, "drift detected");
    private static final String STYLE = "body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2430}"
            + "h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ccd}"
            + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccd;padding:3px 8px;"
            + "text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}"
            + ".s2{color:#b3261e;font-weight:600}.s1{color:#a15c00}.s0{color:#1b6e3a}.muted{color:#667}"
            + ".cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #ccd;border-radius:6px;padding:8px 12px}"
            + ".card b{display:block;font-size:18px}.grid{display:flex;flex-wrap:wrap;gap:14px}.wrap{overflow-x:auto}"
            + "@media print{.wrap{overflow:visible}}";

    private ReportHtml() {
    }

    static String render(JsonNode r) {
        StringBuilder h = new StringBuilder(32_768);
        JsonNode ep = r.path("endpoint");
        String title = "Driftwatch report: " + model(ep);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append("</title><style>").append(STYLE).append("</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1><p class=\"muted\">Project ").append(esc(r.path("project").asText()))
                .append(", endpoint ").append(esc(ep.path("uid").asText())).append(", function ")
                .append(esc(ep.path("function_uri").asText("—"))).append(". Range ").append(esc(r.path("start").asText()))
                .append(" to ").append(esc(r.path("end").asText())).append(" (UTC); generated ")
                .append(esc(r.path("generated_at").asText())).append(".</p>");
        summary(h, r);
        windows(h, r.path("windows"));
        heat(h, r.path("windows"));
        histograms(h, r.path("worst_window"));
        ReportCharts.operations(h, r.path("operations"));
        alerts(h, r.path("alerts"));
        return h.append("</body></html>").toString();
    }

    static String model(JsonNode ep) {
        String m = ep.path("model").asText(ep.path("uid").asText());
        return ep.path("model_version").isTextual() ? m + " " + ep.path("model_version").asText() : m;
    }

    private static void summary(StringBuilder h, JsonNode r) {
        JsonNode t = r.path("operations").path("totals");
        int windows = r.path("windows").path("windows").size();
        h.append("<h2>Summary</h2><div class=\"cards\" data-section=\"summary\">");
        card(h, "windows", "Windows analysed", String.valueOf(windows));
        card(h, "drifted_windows", "Windows with drift detected", String.valueOf(r.path("drifted_windows").size()));
        card(h, "predictions", "Predictions", t.path("predictions").asText("0"));
        card(h, "errors", "Errors", t.path("errors").asText("0"));
        for (String q : List.of("50", "95", "99")) {
            card(h, "latency_p" + q, "Latency p" + q, ms(t.path("latency_p" + q)));
        }
        card(h, "activations", "Alert activations", String.valueOf(r.path("alerts").path("activations").size()));
        h.append("</div>");
        if (!r.path("endpoint").path("has_reference").asBoolean()) {
            h.append("<p class=\"muted\">No training set logged: drift cannot be computed.</p>");
        }
    }

    private static void card(StringBuilder h, String key, String label, String value) {
        h.append("<div class=\"card\" data-figure=\"").append(key).append("\">").append(esc(label)).append("<b>")
                .append(esc(value)).append("</b></div>");
    }

    static String ms(JsonNode micros) {
        return micros.isNumber() ? String.format(Locale.ROOT, "%.2f ms", micros.asDouble() / 1000) : "—";
    }

    static String status(int code) {
        return "<span class=\"s" + code + "\">" + STATUS.getOrDefault(code, String.valueOf(code)) + "</span>";
    }

    private static void windows(StringBuilder h, JsonNode w) {
        h.append("<h2>Drift per window</h2>");
        if (w.path("windows").isEmpty()) {
            h.append("<p class=\"muted\">No window of this endpoint was analysed in the range.</p>");
            return;
        }
        h.append("<div class=\"wrap\"><table data-section=\"windows\"><tr><th>Window</th><th>Rows</th><th>Status</th>"
                + "<th>Results</th><th>Metrics</th></tr>");
        for (JsonNode x : w.path("windows")) {
            h.append("<tr data-window=\"").append(esc(x.path("window_end").asText())).append("\"><td>")
                    .append(esc(x.path("window_start").asText())).append(" – ").append(esc(x.path("window_end").asText()))
                    .append("</td><td class=\"n\">").append(x.path("rows").isNumber() ? x.path("rows").asText() : "—")
                    .append("</td><td>").append(status(x.path("status").asInt())).append("</td><td>");
            for (JsonNode res : x.path("results")) {
                h.append(esc(res.path("application").asText() + "/" + res.path("name").asText())).append(": ")
                        .append(num(res.path("value"))).append(" ").append(status(res.path("status").asInt()));
                if (res.path("reason").isTextual()) {
                    h.append(" (").append(esc(res.path("reason").asText())).append(")");
                }
                h.append("<br>");
            }
            h.append("</td><td>");
            for (JsonNode m : x.path("metrics")) {
                h.append(esc(m.path("name").asText())).append(": ").append(num(m.path("value"))).append("<br>");
            }
            h.append("</td></tr>");
        }
        h.append("</table></div>");
    }

    static String num(JsonNode v) {
        return v.isNumber() ? String.format(Locale.ROOT, "%.4g", v.asDouble()) : "—";
    }

    private static void heat(StringBuilder h, JsonNode w) {
        List<String> features = new ArrayList<>();
        w.path("features").forEach(f -> features.add(f.asText()));
        if (features.isEmpty() || w.path("windows").isEmpty()) {
            return;
        }
        h.append("<h2>Feature drift per window</h2><p class=\"muted\">(TVD + Hellinger) / 2 of histogram-data-drift "
                + "per feature and window, oldest window left; white = 0, dark red = 1, grey = not analysed.</p>");
        ReportCharts.heat(h, features, w);
    }

    private static void histograms(StringBuilder h, JsonNode worst) {
        if (worst.isMissingNode() || worst.isNull()) {
            return;
        }
        h.append("<h2>Histograms of the worst window</h2><p class=\"muted\">Window ending ")
                .append(esc(worst.path("window_end").asText())).append(", ").append(status(worst.path("status").asInt()))
                .append(". Grey: expected (training set); blue: actual (this window); as fractions of their rows.</p>");
        h.append("<div class=\"wrap\"><table data-section=\"features\"><tr><th>Feature</th><th>Mean exp.</th>"
                + "<th>Mean act.</th><th>TVD</th><th>Hellinger</th><th>KLD</th></tr>");
        for (JsonNode f : worst.path("features")) {
            h.append("<tr data-feature=\"").append(esc(f.path("name").asText())).append("\"><td>")
                    .append(esc(f.path("name").asText())).append("</td><td class=\"n\">")
                    .append(num(f.path("expected").path("mean"))).append("</td><td class=\"n\">")
                    .append(num(f.path("actual").path("mean"))).append("</td><td class=\"n\">").append(num(f.path("tvd")))
                    .append("</td><td class=\"n\">").append(num(f.path("hellinger"))).append("</td><td class=\"n\">")
                    .append(num(f.path("kld"))).append("</td></tr>");
        }
        h.append("</table></div><div class=\"grid\">");
        for (JsonNode f : worst.path("features")) {
            ReportCharts.histogram(h, f);
        }
        h.append("</div>");
    }

    private static void alerts(StringBuilder h, JsonNode a) {
        h.append("<h2>Alerts</h2>");
        if (!a.path("available").asBoolean()) {
            h.append("<p class=\"muted\">This server runs without the alert engine.</p>");
            return;
        }
        if (a.path("activations").isEmpty()) {
            h.append("<p class=\"muted\">No alert fired for this endpoint in the range.</p>");
            return;
        }
        h.append("<div class=\"wrap\"><table data-section=\"alerts\"><tr><th>Time</th><th>Alert</th><th>Severity</th>"
                + "<th>State</th><th>Summary</th><th>Events</th><th>Notifications</th></tr>");
        for (JsonNode x : a.path("activations")) {
            h.append("<tr data-activation=\"").append(esc(x.path("id").asText())).append("\"><td>")
                    .append(esc(x.path("time").asText())).append("</td><td>").append(esc(x.path("alert").asText()))
                    .append("</td><td>").append(esc(x.path("severity").asText())).append("</td><td>")
                    .append(esc(x.path("state").asText()));
            if (x.path("reset_by").isTextual()) {
                h.append(" (reset: ").append(esc(x.path("reset_by").asText())).append(")");
            }
            h.append("</td><td>").append(esc(x.path("summary").asText())).append("</td><td class=\"n\">")
                    .append(x.path("events").size()).append("</td><td>");
            for (JsonNode n : x.path("notifications")) {
                h.append(esc(n.path("kind").asText() + ": " + n.path("status").asText())).append("<br>");
            }
            h.append("</td></tr>");
        }
        h.append("</table></div>");
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
