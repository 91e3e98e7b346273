package io.driftwatch.engine.image;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The derived statistics of one image input: its size, its mean brightness and contrast, and the mean of each
 * channel. Brightness of a pixel: the value for one channel (or the first of gray + alpha), else the Rec. 601 luma
 * {@code 0.299 R + 0.587 G + 0.114 B} (a fourth, alpha, channel is ignored); contrast is the population standard
 * deviation of the brightness over the pixels. Values keep the image's scale (0–255 for decoded PNG/JPEG).
 *
 * @param channelMeans the mean of each channel, in channel order (length {@code channels})
 */
public record ImageStats(int width, int height, int channels, double brightness, double contrast,
                         List<Double> channelMeans) {
    /** The column suffixes (after {@code {feature}.}) of the derived statistics, channel means aside. */
    public static final List<String> SUFFIXES = List.of("width", "height", "channels", "brightness", "contrast");
    private static final Pattern DERIVED = Pattern.compile(
            "(.+)\\.(width|height|channels|brightness|contrast|channel_\\d+_mean)");

    public ImageStats {
        channelMeans = List.copyOf(channelMeans);
    }

    /** Puts the derived columns of the image feature {@code feature} into a row (numbers as doubles). */
    public void putColumns(String feature, Map<String, Object> row) {
        row.put(feature + ".width", (double) width);
        row.put(feature + ".height", (double) height);
        row.put(feature + ".channels", (double) channels);
        row.put(feature + ".brightness", brightness);
        row.put(feature + ".contrast", contrast);
        for (int c = 0; c < channelMeans.size(); c++) {
            row.put(feature + ".channel_" + c + "_mean", channelMeans.get(c));
        }
    }

    /** The image feature a derived column belongs to, or null when the column is not one of the given features'. */
    public static String featureOf(String column, List<String> features) {
        var m = DERIVED.matcher(column);
        return m.matches() && features.contains(m.group(1)) ? m.group(1) : null;
    }

    /** Statistics of pixels given as {@code pixels[y][x][c]}. */
    static ImageStats of(double[][][] pixels) {
        int height = pixels.length;
        int width = pixels[0].length;
        int channels = pixels[0][0].length;
        double[] sums = new double[channels];
        double sum = 0;
        double sumSq = 0;
        for (double[][] row : pixels) {
            for (double[] px : row) {
                for (int c = 0; c < channels; c++) {
                    sums[c] += px[c];
                }
                double b = brightness(px);
                sum += b;
                sumSq += b * b;
            }
        }
        double n = (double) width * height;
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        Double[] means = new Double[channels];
        for (int c = 0; c < channels; c++) {
            means[c] = sums[c] / n;
        }
        return new ImageStats(width, height, channels, mean, Math.sqrt(variance), List.of(means));
    }

    private static double brightness(double[] px) {
        return px.length >= 3 ? 0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2] : px[0];
    }
}
