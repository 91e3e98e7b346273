package io.driftwatch.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageInputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rectangularNumericArraysAreImagesOthersAreNot() throws Exception {
        assertThat(ImageInputs.fromArray(JSON.readTree("[[0, 10], [20, 30]]")))
                .isEqualTo(new ImageStats(2, 2, 1, 15, Math.sqrt(125), List.of(15.0)));
        assertThat(ImageInputs.fromArray(JSON.readTree("[[[0,0,0,9]], [[255,255,255,9]]]")).channelMeans())
                .containsExactly(127.5, 127.5, 127.5, 9.0);
        assertThat(ImageInputs.fromArray(JSON.readTree("[[1, 2], [3]]"))).as("ragged").isNull();
        assertThat(ImageInputs.fromArray(JSON.readTree("[[1, \"a\"]]"))).as("not numbers").isNull();
        assertThat(ImageInputs.fromArray(JSON.readTree("[[[1,2,3,4,5]]]"))).as("5 channels").isNull();
        assertThat(ImageInputs.fromArray(JSON.readTree("[1, 2]"))).as("one dimension").isNull();
    }

    @Test
    void base64JpegAndDataUrlsAreDecoded() throws Exception {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, 0x808080);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, "jpeg", jpeg)).isTrue();
        ImageStats s = ImageInputs.fromBase64("data:image/jpeg;base64,"
                + Base64.getEncoder().encodeToString(jpeg.toByteArray()));
        assertThat(s).isNotNull();
        assertThat(s.width()).isEqualTo(8);
        assertThat(s.channels()).isEqualTo(3);
        assertThat(s.brightness()).isCloseTo(128, within(2.0));
        assertThat(ImageInputs.fromBase64("iVBORw0KGgoAAAA=")).as("a truncated PNG").isNull();
        assertThat(ImageInputs.fromBase64("hello")).isNull();
    }

    @Test
    void derivedColumnsAreNamedAfterTheFeature() {
        Map<String, Object> row = new LinkedHashMap<>();
        new ImageStats(3, 2, 2, 1.5, 0.5, List.of(1.5, 255.0)).putColumns("img", row);
        assertThat(row).containsOnlyKeys("img.width", "img.height", "img.channels", "img.brightness", "img.contrast",
                "img.channel_0_mean", "img.channel_1_mean");
        assertThat(ImageStats.featureOf("img.channel_1_mean", List.of("img"))).isEqualTo("img");
        assertThat(ImageStats.featureOf("img.width", List.of("other"))).isNull();
        assertThat(ImageStats.featureOf("a.b.brightness", List.of("a.b"))).isEqualTo("a.b");
    }
}
