package io.driftwatch.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * Recognises image inputs and computes their {@link ImageStats}. A nested array is an image when it is rectangular
 * and all numbers: {@code height × width} (grayscale) or {@code height × width × channels} (1 to 4 channels). A
 * string is an image when, after an optional {@code data:image/...;base64,} prefix, it is base64 whose decoded bytes
 * start with the PNG ({@code 89 50 4E 47}) or JPEG ({@code FF D8 FF}) magic; it is decoded with {@code javax.imageio}.
 * Anything else is not an image (null), and the caller keeps the value as it was.
 */
public final class ImageInputs {
    private static final int MAX_CHANNELS = 4;

    private ImageInputs() {
    }

    /** The statistics of a nested-array image, or null when {@code node} is not one. */
    public static ImageStats fromArray(JsonNode node) {
        if (!node.isArray() || node.isEmpty() || !node.get(0).isArray() || node.get(0).isEmpty()) {
            return null;
        }
        int height = node.size();
        int width = node.get(0).size();
        JsonNode first = node.get(0).get(0);
        int channels = first.isArray() ? first.size() : 1;
        if (channels < 1 || channels > MAX_CHANNELS) {
            return null;
        }
        double[][][] pixels = new double[height][width][];
        for (int y = 0; y < height; y++) {
            JsonNode row = node.get(y);
            if (!row.isArray() || row.size() != width) {
                return null;
            }
            for (int x = 0; x < width; x++) {
                pixels[y][x] = pixel(row.get(x), first.isArray(), channels);
                if (pixels[y][x] == null) {
                    return null;
                }
            }
        }
        return ImageStats.of(pixels);
    }

    private static double[] pixel(JsonNode p, boolean nested, int channels) {
        if (!nested) {
            return p.isNumber() ? new double[]{p.doubleValue()} : null;
        }
        if (!p.isArray() || p.size() != channels) {
            return null;
        }
        double[] px = new double[channels];
        for (int c = 0; c < channels; c++) {
            if (!p.get(c).isNumber()) {
                return null;
            }
            px[c] = p.get(c).doubleValue();
        }
        return px;
    }

    /** The statistics of a base64 PNG/JPEG string, or null when {@code text} is not one (or cannot be decoded). */
    public static ImageStats fromBase64(String text) {
        String b64 = text.startsWith("data:image/") && text.indexOf(',') > 0 ? text.substring(text.indexOf(',') + 1)
                : text;
        if (!b64.startsWith("iVBORw0KGgo") && !b64.startsWith("/9j/")) { // PNG / JPEG magic, base64-encoded
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            return image == null ? null : of(image);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ImageStats of(BufferedImage decoded) {
        BufferedImage image = decoded;
        if (decoded.getColorModel() instanceof IndexColorModel) { // palette PNG: the raster holds indices
            image = new BufferedImage(decoded.getWidth(), decoded.getHeight(), decoded.getColorModel().hasAlpha()
                    ? BufferedImage.TYPE_4BYTE_ABGR : BufferedImage.TYPE_3BYTE_BGR);
            image.createGraphics().drawImage(decoded, 0, 0, null);
        }
        Raster raster = image.getRaster();
        int channels = Math.min(raster.getNumBands(), MAX_CHANNELS);
        double[][][] pixels = new double[image.getHeight()][image.getWidth()][];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double[] px = new double[channels];
                for (int c = 0; c < channels; c++) {
                    px[c] = raster.getSampleDouble(x, y, c);
                }
                pixels[y][x] = px;
            }
        }
        return ImageStats.of(pixels);
    }
}
