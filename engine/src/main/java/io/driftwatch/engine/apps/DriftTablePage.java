package io.driftwatch.engine.apps;

import io.driftwatch.CategoricalStats;
import io.driftwatch.ColumnStats;
import io.driftwatch.FeatureStats;
import io.driftwatch.ModelEndpoint;
import io.driftwatch.NumericStats;
import io.driftwatch.Window;
import io.driftwatch.stats.DriftReport;
import io.driftwatch.stats.DriftThresholds;
import io.driftwatch.stats.FeatureDrift;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code drift_table_plot} artifact: one self-contained HTML page (no scripts, no external CSS or fonts) with,
 * per compared feature, the expected (reference) and actual (window) count/mean/std/min/max, TVD, Hellinger, KLD, a
 * status dot (green below the potential threshold, yellow below detected, red at or above, on (tvd + hellinger) / 2)
 * and an inline SVG of the two normalised histograms overlaid (one path of bars per histogram). Every text from
 * data is HTML-escaped.
 */
final class DriftTablePage {
    private static final int W = 220;
    private static final int H = 60;
    private static final String SVG_OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H
            + "\" viewBox=\"0 0 " + W + " " + H + "\"><rect width=\"" + W + "\" height=\"" + H
            + "\" fill=\"#fafafa\"/>";

    private DriftTablePage() {
    }

    static String render(ModelEndpoint endpoint, Window window, FeatureStats reference, DriftReport report,
                         DriftThresholds th) {
        StringBuilder b = new StringBuilder(4096 + report.features().size() * 1400); // ~1.2 KB a feature
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Drift table ")
                .append(esc(endpoint.uid())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;font-size:13px;margin:16px}table{border-collapse:collapse}")
                .append("th,td{border:1px solid #ccc;padding:4px 6px;text-align:right;vertical-align:middle}")
                .append("th{background:#f3f3f3}td.n{text-align:left;font-weight:bold}.dot{display:inline-block;")
                .append("width:12px;height:12px;border-radius:6px}.g{background:#2e7d32}.y{background:#f9a825}")
                .append(".r{background:#c62828}.e{color:#1f77b4}.a{color:#ff7f0e}</style></head><body>\n")
                .append("<h2>Histogram data drift</h2>\n<p>Endpoint <code>").append(esc(endpoint.uid()))
                .append("</code> (model ").append(esc(String.valueOf(endpoint.spec().model()))).append("), window [")
                .append(window.start()).append(", ").append(window.end()).append("), ").append(report.rows())
                .append(" rows. general_drift <b>").append(num(report.generalDrift())).append("</b>, status <b>")
                .append(report.status().wireName()).append("</b>. <span class=\"e\">&#9632; expected</span> ")
                .append("<span class=\"a\">&#9632; actual</span></p>\n<table>\n<tr><th rowspan=\"2\">feature</th>")
                .append("<th rowspan=\"2\">status</th><th colspan=\"5\">expected</th><th colspan=\"5\">actual</th>")
                .append("<th rowspan=\"2\">tvd</th><th rowspan=\"2\">hellinger</th><th rowspan=\"2\">kld</th>")
                .append("<th rowspan=\"2\">histograms</th></tr>\n<tr>");
        for (int i = 0; i < 2; i++) {
            b.append("<th>count</th><th>mean</th><th>std</th><th>min</th><th>max</th>");
        }
        b.append("</tr>\n");
        for (Map.Entry<String, FeatureDrift> e : report.features().entrySet()) {
            ColumnStats ref = reference.get(e.getKey()).orElse(null);
            ColumnStats cur = report.currentStats().get(e.getKey()).orElse(null);
            row(b, e.getKey(), e.getValue(), ref, cur, th);
        }
        b.append("</table>\n");
        if (!report.skipped().isEmpty()) {
            b.append("<p>Not compared: ");
            report.skipped().forEach((k, v) -> b.append(esc(k)).append(" (").append(v.wireName()).append(") "));
            b.append("</p>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static void row(StringBuilder b, String name, FeatureDrift d, ColumnStats ref, ColumnStats cur,
                            DriftThresholds th) {
        double v = d.drift();
        String dot = v >= th.detected() ? "r" : v >= th.potential() ? "y" : "g";
        b.append("<tr><td class=\"n\">").append(esc(name)).append("</td><td><span class=\"dot ").append(dot)
                .append("\" title=\"").append(num(v)).append("\"></span></td>");
        describe(b, ref);
        describe(b, cur);
        b.append("<td>").append(num(d.tvd())).append("</td><td>").append(num(d.hellinger())).append("</td><td>")
                .append(num(d.kld())).append("</td><td>");
        svg(b, ref, cur);
        b.append("</td></tr>\n");
    }

    private static void describe(StringBuilder b, ColumnStats s) {
        if (s instanceof NumericStats n) {
            for (double x : new double[] {n.count(), n.mean(), n.std(), n.min(), n.max()}) {
                b.append("<td>").append(num(x)).append("</td>");
            }
        } else if (s instanceof CategoricalStats c) {
            b.append("<td>").append(c.count()).append("</td><td colspan=\"4\">top ").append(esc(String.valueOf(c.top())))
                    .append(" (").append(c.freq()).append("), ").append(c.unique()).append(" unique</td>");
        } else {
            b.append("<td colspan=\"5\">-</td>");
        }
    }

    /** Overlaid bars of the normalised histograms, one slot per bin (padding bins included), appended to {@code s}. */
    private static void svg(StringBuilder s, ColumnStats ref, ColumnStats cur) {
        double[] e = normalised(ref);
        double[] a = normalised(cur);
        int bins = Math.max(e.length, a.length);
        if (bins == 0) {
            return;
        }
        double max = 1e-12;
        for (double x : e) {
            max = Math.max(max, x);
        }
        for (double x : a) {
            max = Math.max(max, x);
        }
        double slot = (double) W / bins;
        s.append(SVG_OPEN);
        bars(s, e, slot, max, "#1f77b4");
        bars(s, a, slot, max, "#ff7f0e");
        s.append("</svg>");
    }

    /**
     * One {@code <path>} per series, a closed sub-path per bar ({@code M x bottom h width V top h -width z}): ~24
     * characters a bar instead of ~95 for a {@code <rect>} with its attributes, so a page of 10 features with 20 bins
     * is ~13 KB instead of ~47 KB; the page is written for every analysed window, and its bytes were most of a
     * window's artifact cost (issue 17: 293 of 700 artifact samples in the kernel's write).
     */
    private static void bars(StringBuilder s, double[] p, double slot, double max, String color) {
        s.append("<path fill=\"").append(color).append("\" fill-opacity=\"0.5\" d=\"");
        String width = tenths(Math.max(slot - 1, 0.5));
        for (int i = 0; i < p.length; i++) {
            double h = p[i] / max * (H - 2);
            if (Math.round(h * 10) == 0) {
                continue; // no bar to draw at a tenth of a pixel
            }
            s.append('M');
            oneDecimal(s, i * slot);
            s.append(' ').append(H).append('h').append(width).append('V');
            oneDecimal(s, H - h);
            s.append("h-").append(width).append('z');
        }
        s.append("\"/>");
    }

    private static String tenths(double x) {
        StringBuilder b = new StringBuilder(8);
        oneDecimal(b, x);
        return b.toString();
    }

    /**
     * A pixel coordinate with one decimal, as {@code %.1f} writes it up to the last digit's rounding (a tenth of a
     * pixel), without {@link String#format}'s cost (the formatter was most of the page's CPU, issue 17).
     */
    static void oneDecimal(StringBuilder s, double x) {
        if (!Double.isFinite(x) || Math.abs(x) >= 1e15) {
            s.append(String.format(Locale.ROOT, "%.1f", x));
            return;
        }
        long tenths = Math.round(x * 10);
        if (tenths < 0) {
            s.append('-');
            tenths = -tenths;
        }
        s.append(tenths / 10).append('.').append(tenths % 10);
    }

    private static double[] normalised(ColumnStats s) {
        double[] counts;
        if (s instanceof NumericStats n) {
            counts = n.hist().counts();
        } else if (s instanceof CategoricalStats c) {
            counts = c.categories().values().stream().mapToDouble(Long::doubleValue).toArray();
        } else {
            return new double[0];
        }
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        if (total > 0) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] /= total;
            }
        }
        return counts;
    }

    static String num(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        if (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3) {
            return String.format(Locale.ROOT, "%.4g", x);
        }
        return fourDecimals(x);
    }

    /**
     * {@code String.format(Locale.ROOT, "%.4f", x)} for 1e-3 &le; |x| &lt; 1e6, the same characters (the
     * formatter rounds the shortest decimal form of {@link Double#toString} half up, as this does; checked on millions
     * of values by DriftTablePageNumbersTest) at a tenth of the cost: the formatter was ~a quarter of the page's CPU
     * (issue 17).
     */
    static String fourDecimals(double x) {
        String s = Double.toString(Math.abs(x)); // plain notation in [1e-3, 1e7)
        int dot = s.indexOf('.');
        int fracLen = s.length() - dot - 1;
        long units = Long.parseLong(s, 0, dot, 10) * 10_000;
        for (int i = 1, scale = 1000; i <= 4; i++, scale /= 10) {
            units += i <= fracLen ? (s.charAt(dot + i) - '0') * (long) scale : 0;
        }
        if (fracLen > 4 && s.charAt(dot + 5) >= '5') {
            units++;
        }
        StringBuilder b = new StringBuilder(20);
        if (x < 0) {
            b.append('-');
        }
        b.append(units / 10_000).append('.');
        long f = units % 10_000;
        for (long p = 1000; p > 1 && f < p; p /= 10) {
            b.append('0');
        }
        return b.append(f).toString();
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
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
