package io.driftwatch.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Locale;

/** What an overlaid histogram's hover text should say, computed from the API's histograms as the page computes it. */
final class HoverText {
    private HoverText() {
    }

    /** Counts normalised to sum 1; a 20-bin reference is padded with empty overflow bins to {@code bins}. */
    static double[] shares(JsonNode counts, int bins) {
        double[] out = new double[bins];
        int offset = counts.size() + 2 == bins ? 1 : 0;
        double total = 0;
        for (JsonNode c : counts) {
            total += c.asDouble();
        }
        for (int i = 0; i < counts.size(); i++) {
            out[i + offset] = counts.get(i).asDouble() / (total == 0 ? 1 : total);
        }
        return out;
    }

    /** As the page shows a share: JavaScript's {@code (v * 100).toFixed(1)} (half up on the exact double). */
    static String percent(double share) {
        return new BigDecimal(share * 100).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
    }

    /** As the page shows an edge in en-US: at most 4 fraction digits, grouping. */
    static String shown(double v) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.US);
        f.setMaximumFractionDigits(4);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(v);
    }
}
