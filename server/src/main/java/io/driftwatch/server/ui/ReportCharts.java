package io.driftwatch.server.ui;

import static io.driftwatch.server.ui.ReportHtml.esc;
import static io.driftwatch.server.ui.ReportHtml.ms;
import static io.driftwatch.server.ui.ReportHtml.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts of the {@link ReportHtml} page: the feature × window heat map, a feature's expected/actual
 * histogram and the operations line charts. Plain SVG elements with a {@code <title>} per mark (the exact value on
 * hover and for screen readers); sizes fixed in px, so a chart never depends on anything outside the page.
 */
final class ReportCharts {
    private static final int CELL = 18;
    private static final int LABEL = 150;

    private ReportCharts() {
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** Feature rows × window columns (oldest left) of {@code feature_drift}; the windows list is newest first. */
    static void heat(StringBuilder h, List<String> features, JsonNode w) {
        JsonNode windows = w.path("windows");
        int n = windows.size();
        int width = LABEL + n * CELL + 10;
        int height = features.size() * CELL + 10;
        h.append("<div class=\"wrap\"><svg data-chart=\"feature-drift\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" role=\"img\" aria-label=\"feature drift per window\">");
        for (int r = 0; r < features.size(); r++) {
            String name = features.get(r);
            int y = r * CELL + 5;
            h.append("<text x=\"").append(LABEL - 6).append("\" y=\"").append(y + 13)
                    .append("\" text-anchor=\"end\" font-size=\"12\">").append(esc(name)).append("</text>");
            JsonNode values = w.path("feature_drift").path(name);
            for (int c = 0; c < n; c++) {
                JsonNode v = values.path(n - 1 - c);
                String end = windows.get(n - 1 - c).path("window_end").asText();
                h.append("<rect x=\"").append(LABEL + c * CELL).append("\" y=\"").append(y).append("\" width=\"")
                        .append(CELL - 1).append("\" height=\"").append(CELL - 1).append("\" fill=\"")
                        .append(v.isNumber() ? red(v.asDouble()) : "#ddd").append("\"")
                        .append(v.isNumber() ? " data-value=\"" + v.asDouble() + "\"" : "").append("><title>")
                        .append(esc(name + " @ " + end + ": " + num(v))).append("</title></rect>");
            }
        }
        h.append("</svg></div>");
    }

    private static String red(double v) {
        double x = Math.max(0, Math.min(1, v));
        int g = (int) Math.round(255 * (1 - x));
        int r = (int) Math.round(255 - 75 * x);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, g);
    }

    /** A feature's expected (grey) and actual (blue) histograms as fractions, bins side by side. */
    static void histogram(StringBuilder h, JsonNode f) {
        double[] exp = fractions(f.path("expected").path("histogram").path("counts"));
        double[] act = fractions(f.path("actual").path("histogram").path("counts"));
        int bins = Math.max(exp.length, act.length);
        if (bins == 0) {
            return;
        }
        double max = 1e-12;
        for (double v : exp) {
            max = Math.max(max, v);
        }
        for (double v : act) {
            max = Math.max(max, v);
        }
        int w = 300;
        int ht = 120;
        double bw = (double) (w - 10) / bins;
        h.append("<div><b>").append(esc(f.path("name").asText())).append("</b><br><svg data-chart=\"histogram\" data-feature=\"")
                .append(esc(f.path("name").asText())).append("\" width=\"").append(w).append("\" height=\"").append(ht + 4)
                .append("\" role=\"img\" aria-label=\"histogram of ").append(esc(f.path("name").asText())).append("\">");
        for (int i = 0; i < bins; i++) {
            bar(h, 5 + i * bw, bw / 2, i < exp.length ? exp[i] : 0, max, ht, "#9aa3b2", "expected bin " + i);
            bar(h, 5 + i * bw + bw / 2, bw / 2, i < act.length ? act[i] : 0, max, ht, "#2f6fdb", "actual bin " + i);
        }
        h.append("<line x1=\"5\" x2=\"").append(w - 5).append("\" y1=\"").append(ht).append("\" y2=\"").append(ht)
                .append("\" stroke=\"#667\"/></svg></div>");
    }

    private static void bar(StringBuilder h, double x, double width, double v, double max, int ht, String fill,
                            String label) {
        double bh = v / max * (ht - 5);
        h.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(ht - bh)).append("\" width=\"")
                .append(f(Math.max(0.5, width - 0.5))).append("\" height=\"").append(f(bh)).append("\" fill=\"")
                .append(fill).append("\"><title>").append(label).append(": ")
                .append(String.format(Locale.ROOT, "%.4f", v)).append("</title></rect>");
    }

    private static double[] fractions(JsonNode counts) {
        double[] out = new double[counts.size()];
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i).asDouble();
            sum += out[i];
        }
        for (int i = 0; i < out.length && sum > 0; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** Totals table and line charts of predictions/s, latency p50/p95/p99 (ms) and errors per bucket. */
    static void operations(StringBuilder h, JsonNode o) {
        JsonNode t = o.path("totals");
        h.append("<h2>Operations</h2><p class=\"muted\">").append(o.path("times").size()).append(" buckets of ")
                .append(esc(o.path("step_seconds").asText())).append(" s; latency per event, percentiles nearest-rank.</p>");
        h.append("<table data-section=\"operations\"><tr><th>Predictions</th><th>Events</th><th>Errors</th>"
                + "<th>Predictions/s</th><th>Latency mean</th><th>p50</th><th>p95</th><th>p99</th></tr><tr>");
        h.append("<td class=\"n\">").append(t.path("predictions").asText()).append("</td><td class=\"n\">")
                .append(t.path("events").asText()).append("</td><td class=\"n\">").append(t.path("errors").asText())
                .append("</td><td class=\"n\">").append(num(t.path("predictions_per_second"))).append("</td>");
        for (String k : List.of("latency_avg", "latency_p50", "latency_p95", "latency_p99")) {
            h.append("<td class=\"n\">").append(ms(t.path(k))).append("</td>");
        }
        h.append("</tr></table><div class=\"grid\">");
        line(h, "Predictions/s", List.of(series(o.path("predictions_per_second"), 1)), List.of("#2f6fdb"));
        line(h, "Latency (ms): p50, p95, p99", List.of(series(o.path("latency_p50"), 1e-3),
                series(o.path("latency_p95"), 1e-3), series(o.path("latency_p99"), 1e-3)),
                List.of("#1b6e3a", "#a15c00", "#b3261e"));
        line(h, "Errors", List.of(series(o.path("errors"), 1)), List.of("#b3261e"));
        h.append("</div>");
    }

    private static List<Double> series(JsonNode a, double scale) {
        List<Double> out = new ArrayList<>();
        a.forEach(v -> out.add(v.isNumber() ? v.asDouble() * scale : null));
        return out;
    }

    private static void line(StringBuilder h, String title, List<List<Double>> all, List<String> colors) {
        int w = 420;
        int ht = 140;
        double max = 1e-12;
        int n = 0;
        boolean any = false;
        for (List<Double> s : all) {
            n = Math.max(n, s.size());
            for (Double v : s) {
                max = v == null ? max : Math.max(max, v);
                any |= v != null;
            }
        }
        h.append("<div><b>").append(esc(title)).append("</b> <span class=\"muted\">max ")
                .append(any ? String.format(Locale.ROOT, "%.3g", max) : "—")
                .append("</span><br><svg data-chart=\"line\" width=\"")
                .append(w).append("\" height=\"").append(ht).append("\" role=\"img\" aria-label=\"").append(esc(title))
                .append("\"><rect x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(ht)
                .append("\" fill=\"none\" stroke=\"#ccd\"/>");
        for (int s = 0; s < all.size(); s++) {
            StringBuilder pts = new StringBuilder();
            List<Double> v = all.get(s);
            for (int i = 0; i < v.size(); i++) {
                if (v.get(i) != null) {
                    double x = 5 + (n <= 1 ? 0 : (double) i / (n - 1) * (w - 10));
                    pts.append(f(x)).append(',').append(f(ht - 5 - v.get(i) / max * (ht - 10))).append(' ');
                }
            }
            h.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(colors.get(s))
                    .append("\" points=\"").append(pts.toString().trim()).append("\"/>");
        }
        h.append("</svg></div>");
    }
}
